/// What `compact` wrote. `--format json` prints it with the snake_case keys of `CodingKeys`.
public struct CompactReport: Sendable, Encodable {
    /// The ledger that was read.
    public let source: String
    /// The file written (the source's own path when compacted in place).
    public let destination: String
    /// Events copied: every event of the source, with the same seq and hashes.
    public let events: Int64
    /// Payloads stored in the `zstd` encoding in the result.
    public let compressedPayloads: Int64
    /// File sizes before and after (after a checkpoint, without the WAL).
    public let bytesBefore: Int64
    public let bytesAfter: Int64

    enum CodingKeys: String, CodingKey {
        case source, destination, events
        case compressedPayloads = "compressed_payloads"
        case bytesBefore = "bytes_before"
        case bytesAfter = "bytes_after"
    }
}
