/// One event of a batch read by `BulkProjectionBuild`, in seq order.
enum BulkBuildEntry: Sendable {
    /// An `insight.fetched` event, decoded by workers into slot `slot` of the batch's `InsightDecodeBatch`.
    case insight(slot: Int, seq: Int64, recordedAt: String)
    /// Any other event, read (or failed to read) on the writer's thread; `deferred` when it is replayed after
    /// the performance rows are written (vanish and coverage events).
    case event(Result<StoredEvent, LedgerError>, seq: Int64, deferred: Bool)
}
