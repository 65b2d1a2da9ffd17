import Foundation
import JSON
import Ledger
import Logging
import MetaGraph
import Normalization

/// Runs a sync: records `sync.started`, syncs the accounts side by side (each on its own thread with its own
/// Graph clients and throttle, so one account's throttling never stalls another), with at most
/// ``SyncRequest/concurrency`` requests in flight over all of them and one ledger connection, then records
/// `sync.finished` with every count and the outcome.
public struct SyncRunner: Sendable {
    public let ledgerPath: String
    public let now: @Sendable () -> Date
    /// Where the sync reports what it does (account starts and ends, retries, throttle waits, failures).
    /// The caller picks the handler and level; messages never contain the token or a `paging.next` URL.
    public let logger: Logger

    public init(
        ledgerPath: String, now: @escaping @Sendable () -> Date = { Date() },
        logger: Logger = Logger(label: "adledger.sync", factory: { _ in SwiftLogNoOpLogHandler() })
    ) {
        self.ledgerPath = ledgerPath
        self.now = now
        self.logger = logger
    }

    /// Checks `settings`, resolves them into a request (brands to their linked accounts in the ledger), then
    /// syncs that request. Settings refused by ``SyncSettings/check()`` leave the ledger file untouched.
    public func run(_ settings: SyncSettings, progress: @escaping @Sendable (SyncProgress) -> Void = { _ in })
        throws -> SyncSummary
    {
        try settings.check()
        let request: SyncRequest = try {
            let ledger = try Ledger(path: ledgerPath, clock: now)
            return try settings.request { (brand: String) throws -> [String] in try ledger.accounts(ofBrand: brand) }
        }()
        return try run(request, progress: progress)
    }

    /// Syncs; throws `SyncError.accountsFailed` (after recording the outcome) when any account stopped.
    public func run(_ request: SyncRequest, progress: @escaping @Sendable (SyncProgress) -> Void = { _ in })
        throws -> SyncSummary
    {
        guard !request.accounts.isEmpty else { throw SyncError.noAccounts }
        try CalendarDay.checkRange(since: request.since, until: request.until)
        let accounts = try request.accounts.map { (text: String) throws(LedgerError) -> String in
            try AccountId.parse(text)
        }
        let ledger = try LedgerGate(path: ledgerPath, clock: now)
        try ledger.with { try checkAttribution(request, accounts: accounts, ledger: $0) }
        let runId = UUID().uuidString.lowercased()
        let started = now()  // the injected clock: a demo's or a test's frozen clock gives the same summary every run
        try ledger.with { try $0.startSync(runId: runId, context: Self.context(request, accounts: accounts)) }

        let results = OutcomeBox(count: accounts.count)
        let concurrency = max(1, request.concurrency)
        let accountSlots = DispatchSemaphore(value: concurrency)
        let requestSlots = DispatchSemaphore(value: concurrency)
        let group = DispatchGroup()
        for (index, account) in accounts.enumerated() {
            accountSlots.wait()
            group.enter()
            let now = self.now
            let logger = self.logger
            Thread.detachNewThread {
                logger.info("sync started", metadata: ["account": "\(account)", "run": "\(runId)"])
                let outcome = AccountSync(
                    request: request, accountId: account, runId: runId, ledger: ledger, slots: requestSlots, now: now,
                    progress: progress, logger: logger
                ).run()
                if let error = outcome.error {
                    // `notice`, not `error`: the caller reports the failure itself (SyncError), once.
                    logger.notice("sync stopped: \(error)", metadata: ["account": "\(account)"])
                } else {
                    logger.info(
                        "sync finished: \(outcome.rows) rows, \(outcome.requests) requests",
                        metadata: ["account": "\(account)"])
                }
                results.set(index, outcome)
                accountSlots.signal()
                group.leave()
            }
        }
        group.wait()
        let outcomes = results.values.enumerated().map { $1 ?? AccountOutcome(accountId: accounts[$0]) }
        let failed = outcomes.contains { $0.error != nil }
        var summary = SyncSummary(
            runId: runId, outcome: failed ? "failed" : "ok", accounts: outcomes, seconds: now().timeIntervalSince(started))
        if !failed, let warning = tokenExpiryWarning(request) { summary.warnings.append(warning) }
        try ledger.with { try $0.finishSync(runId: runId, summary: Self.json(summary)) }
        if failed { throw SyncError.accountsFailed(summary) }
        return summary
    }

    /// The request context recorded once per sync in `sync.started` (never the token).
    static func context(_ request: SyncRequest, accounts: [String]) -> JSONValue {
        let source: String
        switch request.source {
        case .live: source = "graph"
        case .record: source = "graph (recording)"
        case .replay: source = "cassette"
        }
        return .object([
            ("source", .string(source)), ("accounts", .array(accounts.map(JSONValue.string))),
            ("since", request.since.map(JSONValue.string) ?? .null), ("until", request.until.map(JSONValue.string) ?? .null),
            ("lookback_days", .number(String(request.lookbackDays))),
            ("api_version", .string(request.graph.apiVersion)), ("level", .string("ad")),
            ("time_increment", .string("1")), ("fields", .array(InsightFields.all.map(JSONValue.string))),
            ("attribution", .string(request.attribution.text)),
            ("action_attribution_windows", .array(request.graph.actionAttributionWindows.map(JSONValue.string))),
            ("use_account_attribution_setting", .bool(request.graph.useAccountAttributionSetting)),
            ("attribution_change", .bool(request.allowsAttributionChange)),
            ("action_breakdowns", .array([])), ("limit", .number(String(request.graph.pageLimit))),
        ])
    }

    /// The same ad-day fetched under two settings must never silently replace one with the other: an account
    /// whose last sync used another setting is refused unless the request allows the change.
    func checkAttribution(_ request: SyncRequest, accounts: [String], ledger: Ledger) throws {
        guard !request.allowsAttributionChange else { return }
        let requested = request.attribution.text
        for account in accounts {
            if let held = try ledger.lastAttribution(accountId: account), held != requested {
                throw SyncError.attributionChanged(account: account, held: held, requested: requested)
            }
        }
    }

    static func json(_ summary: SyncSummary) -> JSONValue {
        guard let data = try? JSONEncoder().encode(summary), let value = try? JSONParser.parse(Array(data)) else {
            return .object([("outcome", .string(summary.outcome))])
        }
        return value
    }
}

