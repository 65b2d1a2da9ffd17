/// A progress report from one account's sync, for a live status line.
public struct SyncProgress: Sendable {
    public let accountId: String
    public let chunksDone: Int
    public let chunksTotal: Int
    /// Chunks being fetched right now.
    public let chunksInFlight: Int
    public let pages: Int
    public let rows: Int
    public let throttleWaits: Int
    public let retries: Int
    /// Seconds since the account started.
    public let elapsed: Double
    /// A short note on what is happening now ("throttled 60s", "job 40%"…), if anything.
    public let note: String?

    /// Estimated seconds left from the chunks done so far, or nil before the first.
    public var remaining: Double? {
        guard chunksDone > 0, chunksTotal > chunksDone else { return nil }
        return elapsed / Double(chunksDone) * Double(chunksTotal - chunksDone)
    }
}
