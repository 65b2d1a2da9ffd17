import Ledger
import MetaGraph
import Normalization

/// What a sync was asked for, as plain values: the command's flags and the settings its caller read from
/// the environment (library code never reads it). `SyncRunner.run(_:progress:)` resolves them into a
/// ``SyncRequest``: brands to their linked accounts, the default account, the token and the Graph limits.
public struct SyncSettings: Sendable {
    /// Brands whose linked accounts are synced.
    public var brands: [String] = []
    /// Ad accounts, `act_<digits>` or digits.
    public var accounts: [String] = []
    /// The account synced when neither `brands` nor `accounts` names one (`META_AD_ACCOUNT_ID`).
    public var defaultAccount: String?
    /// The access token (`META_GRAPH_API_TOKEN`); not needed to replay a cassette.
    public var token: String?
    /// The Graph host (`META_GRAPH_BASE_URL`); default ``GraphConfiguration/defaultBaseURL``.
    public var baseURL: String?
    /// The Graph API version (`META_GRAPH_API_VERSION`); default ``GraphConfiguration/defaultAPIVersion``.
    public var apiVersion: String?
    /// The requests-per-minute ceiling as the user wrote it (`ADLEDGER_RATE_LIMIT`); a positive integer.
    public var rateLimit: String?
    /// First and last day (YYYY-MM-DD).
    public var since: String?
    public var until: String?
    /// Re-read this many days back from the last day fully covered, in each account's time zone (`--lookback`).
    public var lookbackDays: Int?
    /// Seconds allowed for one HTTP request (``SyncRequest/timeoutRange``); default the Graph client's 120.
    public var timeout: Double?
    /// The most requests in flight at once, chunks and accounts together (``SyncRequest/concurrencyRange``);
    /// default ``SyncRequest/defaultConcurrency``.
    public var concurrency: Int?
    /// `--attribution-windows` as written (`7d_click,1d_view`); default ``AttributionSetting/default``.
    public var attributionWindows: String?
    /// `--use-account-attribution-setting`: the account's own attribution setting instead of windows.
    public var useAccountAttributionSetting = false
    /// `--attribution-change`: sync even when the ledger holds an account's rows under another setting.
    public var allowsAttributionChange = false
    /// The network, a recording of it, or a cassette.
    public var source: SyncRequest.Source = .live
    /// Waits pass instantly instead of sleeping: for tests against a local stand-in only.
    public var waitsInstantly = false

    public init() {}

    /// Checks what needs no ledger and no network: days, lookback, timeout, concurrency, rate limit, attribution.
    public func check() throws {
        _ = try attribution()
        try CalendarDay.checkRange(since: since, until: until)
        if let lookbackDays, !SyncRequest.lookbackRange.contains(lookbackDays) {
            throw SyncError.invalidLookback(lookbackDays)
        }
        if let timeout, !SyncRequest.timeoutRange.contains(timeout) { throw SyncError.invalidTimeout(timeout) }
        if let concurrency, !SyncRequest.concurrencyRange.contains(concurrency) {
            throw SyncError.invalidConcurrency(concurrency)
        }
        _ = try rateLimitPerMinute()
    }

    /// The request these settings ask for: brands resolved with `brandAccounts` (a brand's linked accounts),
    /// else the accounts named, else the default account; each account once.
    public func request(brandAccounts: (String) throws -> [String]) throws -> SyncRequest {
        try check()
        var named = accounts
        for brand in brands {
            let linked = try brandAccounts(brand)
            guard !linked.isEmpty else { throw SyncError.brandWithoutAccounts(brand) }
            named += linked
        }
        if named.isEmpty, let defaultAccount { named = [defaultAccount] }
        var seen = Set<String>()
        named = named.filter { seen.insert(AccountId.normalize($0) ?? $0).inserted }

        var graph = try GraphConfiguration(
            token: try resolvedToken(), baseURL: baseURL ?? GraphConfiguration.defaultBaseURL,
            apiVersion: apiVersion ?? GraphConfiguration.defaultAPIVersion)
        if let perMinute = try rateLimitPerMinute() { graph.rateLimitPerMinute = perMinute }
        try attribution().apply(to: &graph)
        if let timeout {
            graph.requestTimeout = timeout
            graph.connectTimeout = min(graph.connectTimeout, timeout)
        }
        var request = SyncRequest(accounts: named, graph: graph)
        if let concurrency { request.concurrency = concurrency }
        request.waitsInstantly = waitsInstantly
        request.since = since
        request.until = until
        if let lookbackDays { request.lookbackDays = lookbackDays }
        request.source = source
        request.allowsAttributionChange = allowsAttributionChange
        return request
    }

    /// The attribution setting asked for: the account's, the windows given, or the default.
    public func attribution() throws(SyncError) -> AttributionSetting {
        if useAccountAttributionSetting {
            guard attributionWindows == nil else { throw .conflictingAttribution }
            return .accountSetting
        }
        guard let attributionWindows else { return .default }
        return try AttributionSetting(windowList: attributionWindows)
    }

    private func rateLimitPerMinute() throws(SyncError) -> Int? {
        guard let rateLimit else { return nil }
        guard let perMinute = Int(rateLimit), perMinute > 0 else { throw .invalidRateLimit(rateLimit) }
        return perMinute
    }

    private func resolvedToken() throws(GraphError) -> String {
        if case .replay = source { return "replay" }
        guard let token, !token.isEmpty else { throw .missingToken }
        return token
    }
}
