import JSON

/// Pure functions that read old payload schemas as the current one, keyed by (kind, schema_version).
/// Stored events never change; readers see every version through these.
enum Upcaster {
    /// The payload schema version each kind is written with today; kinds not listed are at version 1.
    static let currentVersions: [EventKind: Int] = [.syncChunkCompleted: 2]

    /// The payload schema version `kind` is written with today.
    static func currentVersion(of kind: EventKind) -> Int { currentVersions[kind] ?? 1 }

    typealias Step = @Sendable (JSONValue) -> JSONValue

    /// Steps from (kind, version) to version + 1.
    static let steps: [String: Step] = [
        // sync.chunk_completed v1 kept the chunk's vanished count beside `counts`; v2 keeps it inside, with the
        // other counts of the chunk.
        "\(EventKind.syncChunkCompleted.rawValue)@1": { payload in
            guard var members = payload.objectMembers else { return payload }
            let vanished = members.first { $0.key == "vanished" }?.value ?? .number("0")
            members.removeAll { $0.key == "vanished" }
            if let index = members.firstIndex(where: { $0.key == "counts" }),
                var counts = members[index].value.objectMembers
            {
                counts.append(("vanished", vanished))
                members[index].value = .object(counts)
            } else {
                members.append(("counts", .object([("vanished", vanished)])))
            }
            return .object(members)
        }
    ]

    static func upcast(kind: EventKind, schemaVersion: Int, payload: JSONValue) -> JSONValue {
        var value = payload
        var version = schemaVersion
        while version < currentVersion(of: kind), let step = steps["\(kind.rawValue)@\(version)"] {
            value = step(value)
            version += 1
        }
        return value
    }
}
