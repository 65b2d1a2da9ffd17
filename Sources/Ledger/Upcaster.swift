import JSON

/// Pure functions that read old payload schemas as the current one, keyed by (kind, schema_version).
/// Stored events never change; readers see every version through these.
enum Upcaster {
    /// The payload schema version each kind is written with today.
    static let currentSchemaVersion = 1

    typealias Step = @Sendable (JSONValue) -> JSONValue

    /// Steps from (kind, version) to version + 1. None yet: every kind is at version 1.
    static let steps: [String: Step] = [:]

    static func upcast(kind: EventKind, schemaVersion: Int, payload: JSONValue) -> JSONValue {
        var value = payload
        var version = schemaVersion
        while version < currentSchemaVersion, let step = steps["\(kind.rawValue)@\(version)"] {
            value = step(value)
            version += 1
        }
        return value
    }
}
