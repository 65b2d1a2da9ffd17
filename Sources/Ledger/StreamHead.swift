/// A stream's latest version and the digest of its payload, as `stream_heads` holds it (version 0 and no digest for
/// a stream with no events).
struct StreamHead: Sendable, Equatable {
    var version: Int64
    var digest: PayloadDigest?

    /// The head of a stream with no events.
    static let none = StreamHead(version: 0, digest: nil)
}
