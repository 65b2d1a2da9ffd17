import Foundation

/// A loopback stand-in for the Graph API, for tests: an HTTP/1.1 server on 127.0.0.1 (ephemeral port)
/// serving accounts (an unknown id is code 100), campaigns, ad sets, ads, ad creatives and daily ad-level insights
/// (sync and async jobs) generated from `StandInAccount`s, and `debug_token` (see `setTokenExpiry`), paged by
/// `limit` with `paging.next` URLs that carry `access_token` exactly as Meta's
/// do, with usage headers on every response and scriptable faults.
///
/// `@unchecked Sendable`: all mutable state lives in `state`, guarded by `lock`; `server` is set once
/// in `start()` under that lock.
public final class GraphStandIn: @unchecked Sendable {
    /// The API version served (`/v23.0/...`).
    public let apiVersion: String
    /// The accounts served, by numeric id.
    public let accounts: [String: StandInAccount]
    let clock: @Sendable () -> Double
    let lock = NSLock()
    var state: StandInState
    private var server: StandInServer?

    /// Creates a stand-in (not yet listening).
    ///
    /// - Parameters:
    ///   - token: the only access token accepted (others get code 190).
    ///   - accounts: the ad accounts and their generated data.
    ///   - clock: seconds on the stand-in's clock, used for throttle windows; pass the same fake clock
    ///     the client uses so "wait N minutes" can be checked without sleeping.
    public init(
        token: String = "EAAtestTOKEN0123456789", apiVersion: String = "v23.0", accounts: [StandInAccount],
        clock: @escaping @Sendable () -> Double = { ProcessInfo.processInfo.systemUptime }
    ) {
        self.apiVersion = apiVersion
        var byId: [String: StandInAccount] = [:]
        for account in accounts { byId[account.id] = account }
        self.accounts = byId
        self.clock = clock
        self.state = StandInState(token: token)
    }

    deinit { server?.stop() }

    /// Starts listening on 127.0.0.1 with a port chosen by the kernel.
    public func start() throws {
        let server = try StandInServer { [weak self] request in
            guard let self else { return StandInHTTPResponse(status: 503, headers: [], body: "") }
            return self.handle(request)
        }
        lock.withLock { self.server = server }
        server.start()
    }

    /// Stops: closes the listening socket and every connection, and joins the server threads.
    public func stop() {
        let running: StandInServer? = lock.withLock {
            defer { server = nil }
            return server
        }
        running?.stop()
    }

    /// How many TCP connections the server accepted.
    public var connectionCount: Int { lock.withLock { server?.acceptedConnections ?? 0 } }

    /// The port, or 0 before `start()`.
    public var port: Int { lock.withLock { server?.port ?? 0 } }
    /// `http://127.0.0.1:<port>`, for `GraphConfiguration.baseURL`.
    public var baseURL: String { "http://127.0.0.1:\(port)" }

    /// The token accepted; `setToken` simulates a rotated token.
    public var token: String { lock.withLock { state.token } }
    /// Accepts only `token` from now on.
    public func setToken(_ token: String) { lock.withLock { state.token = token } }

    /// Injects `fault` into the next `times` requests matching `trigger`.
    public func inject(_ fault: StandInFault, on trigger: StandInTrigger = .any, times: Int = 1) {
        lock.withLock { state.faults.append(StandInScheduledFault(trigger: trigger, fault: fault, remaining: times)) }
    }

    /// Removes every pending fault and throttle window.
    public func clearFaults() {
        lock.withLock {
            state.faults = []
            state.throttleWindows = [:]
        }
    }

    /// What `debug_token` reports for the token: `expires_at` and `data_access_expires_at` in Unix seconds
    /// (0, the default, means it never expires).
    public func setTokenExpiry(expiresAt: Int, dataAccessExpiresAt: Int = 0) {
        lock.withLock { state.tokenExpiry = (expiresAt, dataAccessExpiresAt) }
    }

    /// Waits `seconds` (really) before answering each request; for benchmarks.
    public func setLatency(_ seconds: Double) { lock.withLock { state.latency = seconds } }
    /// Answers insights requests asking for more than `limit` rows per page with "reduce the amount of data".
    public func setReduceDataThreshold(_ limit: Int?) { lock.withLock { state.reduceDataAboveLimit = limit } }
    /// Serves at most `size` rows per page whatever `limit` asks (Meta caps pages too); nil: as asked.
    public func setMaxPageSize(_ size: Int?) { lock.withLock { state.maxPageSize = size } }
    /// The most requests the stand-in was answering at the same time (latency included).
    public var maxRequestsInFlight: Int { lock.withLock { state.maxInFlight } }
    /// The usage percentages reported in headers.
    public func setUsage(_ usage: StandInUsage) { lock.withLock { state.usage = usage } }
    /// How many status polls answer `Job Running` before an async job completes (default 1).
    public func setJobPolls(_ polls: Int) { lock.withLock { state.jobPolls = max(polls, 0) } }
    /// Restates the account's rows from `fromDate` on: their conversions change with `revision`.
    public func restate(accountId: String, from fromDate: String, revision: Int) {
        guard let day = StandInDay.number(fromDate) else { return }
        lock.withLock { state.revisions[digits(accountId)] = (revision, day) }
    }

    /// Every request received so far.
    public var requests: [StandInRecordedRequest] { lock.withLock { state.requests } }
    /// How many requests were received.
    public var requestCount: Int { lock.withLock { state.requests.count } }
    /// How many requests had a path containing `text`.
    public func requestCount(pathContaining text: String) -> Int {
        lock.withLock { state.requests.filter { $0.path.contains(text) }.count }
    }
    /// How many requests arrived while a throttle window was open.
    public var requestsDuringThrottleWindow: Int {
        lock.withLock { state.requests.filter(\.duringThrottleWindow).count }
    }
    /// The most `access_token` parameters any request carried (1 when the client behaves).
    public var maxTokenCount: Int { lock.withLock { state.requests.map(\.tokenCount).max() ?? 0 } }

    /// The rows the stand-in holds for the account between `since` and `until` (inclusive), in the order served.
    public func insightRows(accountId: String, since: String, until: String) -> [StandInInsightRow] {
        guard let account = accounts[digits(accountId)], let first = StandInDay.number(since),
            let last = StandInDay.number(until)
        else { return [] }
        let revision = lock.withLock { state.revisions[account.id] }
        return dayRange(account, first, last).flatMap { day in
            (0..<account.adCount).map { ad in
                StandInRowGenerator.row(account, adIndex: ad, day: day, revision: revisionFor(revision, day))
            }
        }
    }

    /// The account's whole data range, `(firstDay, lastDay)`.
    public func dataRange(accountId: String) -> (since: String, until: String)? {
        guard let account = accounts[digits(accountId)], let first = StandInDay.number(account.firstDay) else {
            return nil
        }
        return (account.firstDay, StandInDay.text(first + max(account.dayCount, 1) - 1))
    }

    /// Sets the `effective_status` (and status) ad `adIndex` of the account is served with from now on.
    public func setAdStatus(accountId: String, adIndex: Int, _ status: String) {
        lock.withLock { state.adStatuses[digits(accountId), default: [:]][adIndex] = status }
    }

    /// Every object of an edge (`adsets`, `ads` or `adcreatives`) the account serves now, as JSON text.
    public func objects(_ edge: String, accountId: String) -> [String] {
        guard let account = accounts[digits(accountId)] else { return [] }
        let statuses = lock.withLock { state.adStatuses[account.id] ?? [:] }
        switch edge {
        case "adsets": return (0..<account.campaignCount).map { StandInObjectGenerator.adset(account, $0) }
        case "ads":
            return (0..<account.adCount).map {
                StandInObjectGenerator.ad(account, $0, status: statuses[$0] ?? StandInObjectGenerator.defaultStatus($0))
            }
        case "adcreatives": return (0..<account.adCount).map { StandInObjectGenerator.creative(account, $0) }
        default: return []
        }
    }

    /// How many campaigns the account lists.
    public func campaignCount(accountId: String) -> Int { accounts[digits(accountId)]?.campaignCount ?? 0 }

    func digits(_ accountId: String) -> String {
        accountId.hasPrefix("act_") ? String(accountId.dropFirst(4)) : accountId
    }

    /// Day numbers with data within `first…last`.
    func dayRange(_ account: StandInAccount, _ first: Int, _ last: Int) -> Range<Int> {
        let start = StandInDay.number(account.firstDay) ?? 0
        let lower = max(first, start)
        let upper = min(last, start + account.dayCount - 1)
        return lower <= upper ? lower..<(upper + 1) : lower..<lower
    }

    func revisionFor(_ revision: (revision: Int, fromDay: Int)?, _ day: Int) -> Int {
        guard let revision, day >= revision.fromDay else { return 0 }
        return revision.revision
    }
}
