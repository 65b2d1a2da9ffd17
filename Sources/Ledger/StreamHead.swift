/// A stream's latest version and the digest of its payload, as the log holds them: the event with the highest
/// `version` of the stream (version 0 and no digest for a stream with no events).
struct StreamHead: Sendable, Equatable {
    var version: Int64
    var digest: PayloadDigest?

    /// The head of a stream with no events.
    static let none = StreamHead(version: 0, digest: nil)

    /// Reads the head of a stream bound as the only parameter: one seek in the events table's UNIQUE(stream,
    /// version) index (the highest version first, so no sort) and one rowid lookup for the payload hash.
    static let select = "SELECT version, payload_hash FROM events WHERE stream = ? ORDER BY version DESC LIMIT 1"
}
