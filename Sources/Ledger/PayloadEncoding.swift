/// How a payload's `body` is stored. The payload hash is always over the canonical JSON, whatever the encoding.
enum PayloadEncoding: String, Sendable {
    /// The canonical JSON text itself.
    case json
    /// The canonical JSON compressed by zstd with the dictionary the payload row references.
    case zstd
}
