import Dispatch

/// One batch of the log for `BulkProjectionBuild`'s writer: its events in seq order, with the batch's insights being
/// decoded on worker threads (`group` is left once they are done).
struct LogBatch: Sendable {
    let entries: [BulkBuildEntry]
    let decoded: ConcurrentBatch<RawInsightEvent, DecodedInsight>
    let group: DispatchGroup
    /// The first event of the batch whose payload row is missing (left out of `entries`), if any.
    var firstMissingPayload: Int64? = nil
    /// What verify's replay confirms of the log from this batch (`LogAudit`), being worked out with the insights.
    var audit: Audit? = nil

    /// Every event of a batch with its chain hash recomputed, and each insight's payload row id with whether its
    /// canonical bytes hash to its stored hash (by slot, as `decoded`).
    struct Audit: Sendable {
        let chain: ConcurrentBatch<ChainRow, PayloadDigest>
        let payloadIds: [Int64]
        let payloadsMatch: SlotFlags
    }
}
