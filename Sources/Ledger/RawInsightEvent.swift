/// An `insight.fetched` event as read from the log, before its payload is decompressed or parsed: what a worker
/// thread needs to decode and normalize it (see `InsightDecoder`).
struct RawInsightEvent: Sendable {
    let seq: Int64
    let stream: String
    let schemaVersion: Int
    let meta: String?
    let encoding: String?
    let dictionaryId: Int64?
    let body: [UInt8]
    /// The payload's stored hash, for a replay that confirms payloads (`LogAudit`); nil otherwise.
    var storedHash: PayloadDigest? = nil
}
