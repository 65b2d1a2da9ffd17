import Dispatch

/// One batch of the log for `BulkProjectionBuild`'s writer: its events in seq order, with the batch's insights being
/// decoded on worker threads (`group` is left once they are done).
struct LogBatch: Sendable {
    let entries: [BulkBuildEntry]
    let decoded: ConcurrentBatch<RawInsightEvent, DecodedInsight>
    let group: DispatchGroup
    /// The first event of the batch whose payload row is missing (left out of `entries`), if any.
    var firstMissingPayload: Int64? = nil
}
