/// A stream's latest version and the digest of its payload, as the log holds them: the event with the highest
/// `version` of the stream (version 0 and no digest for a stream with no events).
struct StreamHead: Sendable, Equatable {
    var version: Int64
    var digest: PayloadDigest?

    /// The head of a stream with no events.
    static let none = StreamHead(version: 0, digest: nil)

    /// Reads the head of a stream bound as the only parameter: one seek in the log's UNIQUE(stream, version) index
    /// (the highest version first, so no sort), one rowid lookup for the event and one for its payload's hash.
    static let select = """
        SELECT e.version, p.hash FROM event_log e LEFT JOIN payloads p ON p.id = e.payload_id
        WHERE e.stream = ? ORDER BY e.version DESC LIMIT 1
        """
}
