import JSON

/// An event as the log holds it.
package struct StoredEvent: Sendable {
    package let seq: Int64
    package let kind: EventKind
    package let stream: String
    package let version: Int64
    package let recordedAt: String
    package let schemaVersion: Int
    package let payloadHash: String
    package let meta: String?
    package let payload: JSONValue
}

/// An event about to be appended.
package struct NewEvent: Sendable {
    package var kind: EventKind
    package var stream: String
    package var payload: JSONValue
    package var meta: JSONValue?
    /// Version of this kind's payload schema; old ones are upcast on read.
    package var schemaVersion: Int

    package init(kind: EventKind, stream: String, payload: JSONValue, meta: JSONValue? = nil, schemaVersion: Int = 1) {
        self.kind = kind
        self.stream = stream
        self.payload = payload
        self.meta = meta
        self.schemaVersion = schemaVersion
    }
}
