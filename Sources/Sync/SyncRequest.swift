import MetaGraph

/// What to sync: which accounts, which days, and how to reach Meta.
public struct SyncRequest: Sendable {
    /// How the Graph API is reached.
    public enum Source: Sendable {
        /// The network, through libcurl.
        case live
        /// The network, saving every exchange (token removed) under the directory, one folder per account.
        case record(directory: String)
        /// Recorded exchanges only; no network and no token.
        case replay(directory: String)
    }

    /// Ad accounts, `act_<digits>`.
    public var accounts: [String]
    /// First day (YYYY-MM-DD); default: `lookbackDays` before the last day fully covered (before today on a
    /// first sync).
    public var since: String?
    /// Last day; default: today in each account's time zone.
    public var until: String?
    /// Days re-read before the last day fully covered (Meta restates up to 28 days).
    public var lookbackDays = 28
    public var source: Source = .live
    /// Graph settings: version, token, limits, retries.
    public var graph: GraphConfiguration
    /// Days per chunk: the unit fetched at once, committed as covered and skipped by a re-run after a crash.
    /// Chunks sit on fixed calendar boundaries (7: ISO weeks, Monday–Sunday).
    public var chunkDays = 7
    /// Ranges longer than this many days go through async report jobs.
    public var asyncThresholdDays = 93
    /// Waits (throttling, backoff) pass instantly instead of sleeping: for tests against a local stand-in.
    public var waitsInstantly = false
    /// The most requests in flight at once over the whole sync: chunks of one account fetched side by side, and
    /// accounts side by side (each chunk and each account's object-and-campaigns step holds one).
    public var concurrency = SyncRequest.defaultConcurrency
    /// Sync even when the ledger holds an account's rows under another attribution setting (`--attribution-change`).
    public var allowsAttributionChange = false
    /// The attribution setting asked for (`graph`'s windows, or the account's own setting).
    public var attribution: AttributionSetting { AttributionSetting(graph) }

    /// Requests in flight unless asked otherwise: 4, what Meta's insights endpoints take from one app without
    /// throttling at standard access (the throttle, shared per account, slows them all when usage climbs).
    public static let defaultConcurrency = 4
    /// The concurrency a user may ask for.
    public static let concurrencyRange = 1...32
    /// The HTTP request timeout a user may ask for, in seconds.
    public static let timeoutRange = 0.001...3_600.0
    /// The lookback a user may ask for, in days (Meta keeps 37 months).
    public static let lookbackRange = 0...1_100

    public init(accounts: [String], graph: GraphConfiguration) {
        self.accounts = accounts
        self.graph = graph
    }
}
