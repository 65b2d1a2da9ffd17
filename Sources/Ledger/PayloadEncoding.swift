/// How a payload's `body` is stored. The payload hash is always over the canonical JSON, whatever the encoding.
/// Every release reads every encoding ever written; new payloads are written in `zstdRaw` (or `json` while their
/// kind has no dictionary yet).
enum PayloadEncoding: String, Sendable {
    /// The canonical JSON text itself.
    case json
    /// The canonical JSON compressed by zstd with the dictionary the payload row references, as a whole zstd frame:
    /// magic number, header (content size, no dictionary id), blocks, XXH64 checksum. Written until `zstdRaw`.
    case zstd
    /// The same frame without its 4-byte magic number (zstd's "magicless" format): the payload row's encoding
    /// already says what the body is.
    case zstdRaw = "zstd-raw"

    /// Whether a body in this encoding is a zstd frame without its magic number.
    var isMagicless: Bool { self == .zstdRaw }
}
