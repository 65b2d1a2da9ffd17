import Foundation
import Ledger
import Logging
import MetaGraph
import Normalization

/// Syncs one ad account on its own thread, with its own Graph client and ledger connection: account object,
/// campaigns, then insights chunk by chunk, each page committed with its projection updates.
final class AccountSync {
    private let request: SyncRequest
    private let accountId: String
    private let runId: String
    private let ledgerPath: String
    private let now: @Sendable () -> Date
    private let progress: @Sendable (SyncProgress) -> Void
    private let logger: Logger
    private var outcome: AccountOutcome
    private var chunksDone = 0
    private var chunksTotal = 0
    private let started = Date()
    private var note: String?

    init(
        request: SyncRequest, accountId: String, runId: String, ledgerPath: String, now: @escaping @Sendable () -> Date,
        progress: @escaping @Sendable (SyncProgress) -> Void, logger: Logger
    ) {
        self.logger = logger
        self.request = request
        self.accountId = accountId
        self.runId = runId
        self.ledgerPath = ledgerPath
        self.now = now
        self.progress = progress
        self.outcome = AccountOutcome(accountId: accountId)
    }

    func run() -> AccountOutcome {
        do {
            let client = try makeClient()
            let ledger = try Ledger(path: ledgerPath, clock: now)
            try sync(client: client, ledger: ledger)
        } catch {
            outcome.fail(with: error)
        }
        // Counted whether the account finished or stopped: a failed account's requests and retries matter too.
        if let clientRef { absorb(clientRef.counters) }
        outcome.seconds = Date().timeIntervalSince(started)
        return outcome
    }

    private func absorb(_ counters: GraphCounters) {
        outcome.requests = counters.requests
        outcome.pages = counters.pages
        outcome.retries = counters.retries
        outcome.throttleWaits = counters.throttleWaits
        outcome.throttleSeconds = counters.throttleSeconds
    }

    private var clientRef: GraphClient?

    private func makeClient() throws -> GraphClient {
        let transport: any GraphTransport
        var clock: any GraphClock = request.waitsInstantly ? VirtualClock() : SystemGraphClock()
        switch request.source {
        case .live:
            transport = try CurlTransport(configuration: request.graph)
        case .record(let directory):
            let folder = URL(fileURLWithPath: directory).appendingPathComponent(accountId)
            transport = try CassetteRecorder(
                wrapping: try CurlTransport(configuration: request.graph), directory: folder,
                secrets: [request.graph.token])
        case .replay(let directory):
            let folder = URL(fileURLWithPath: directory).appendingPathComponent(accountId)
            guard FileManager.default.fileExists(atPath: folder.path) else {
                throw GraphError.cassette(path: folder.path, reason: "no recording for \(accountId) in this cassette")
            }
            transport = try CassettePlayer(directory: folder)
            clock = VirtualClock()
        }
        let client = GraphClient(
            configuration: request.graph, transport: transport, clock: clock,
            onEvent: { [weak self] event in self?.observe(event) })
        clientRef = client
        return client
    }

    private func observe(_ event: GraphEvent) {
        switch event {
        case .throttleWait(let seconds, let reason):
            note = "waiting \(Int(seconds.rounded())) s for the rate limit"
            logger.info("throttle wait \(Int(seconds.rounded())) s (\(reason))", metadata: ["account": "\(accountId)"])
        case .retry(let attempt, let delay, let reason):
            note = "retry \(attempt): \(reason)"
            logger.info("retry \(attempt) in \(delay) s: \(reason)", metadata: ["account": "\(accountId)"])
        case .jobStatus(_, let status, let percent): note = "report job \(status) \(percent)%"
        case .page: note = nil
        default: return
        }
        report()
    }

    private func report() {
        let counters = clientRef?.counters ?? GraphCounters()
        progress(
            SyncProgress(
                accountId: accountId, chunksDone: chunksDone, chunksTotal: chunksTotal, pages: counters.pages,
                rows: outcome.rows, throttleWaits: counters.throttleWaits, retries: counters.retries,
                elapsed: Date().timeIntervalSince(started), note: note))
    }

    private func sync(client: GraphClient, ledger: Ledger) throws {
        // 1. The account object: name, currency and the time zone its days are counted in. Insights are
        //    the point of a sync: only errors that would stop them too (token, permission, bad id) stop it here.
        var timeZone: String?
        do {
            timeZone = try ledger.recordAccount(try client.fetchAccount(accountId), accountId: accountId)
        } catch let error as GraphError where !Self.isFatal(error) {
            outcome.warnings.append("account object not read (\(error)); days are counted in UTC")
            logger.warning("account object not read: \(error)", metadata: ["account": "\(accountId)"])
        }
        // 2. Campaigns.
        do {
            try client.forEachCampaignPage(accountId: accountId) { page in
                outcome.campaignsChanged += try ledger.recordCampaigns(page.rows, accountId: accountId)
            }
        } catch let error as GraphError where !Self.isFatal(error) {
            outcome.warnings.append("campaigns not read (\(error))")
            logger.warning("campaigns not read: \(error)", metadata: ["account": "\(accountId)"])
        }
        // 3. Insights, chunk by chunk, in the account's time zone.
        let today = DayMath.today(at: now(), timeZone: timeZone)
        let lastCovered = request.lookbackFromToday ? nil : try ledger.lastCoveredDate(accountId: accountId)
        let range = try SyncRange.choose(request, today: today, lastCovered: lastCovered)
        outcome.since = range.since
        outcome.until = range.until
        let useJobs = DayMath.days(from: range.since, to: range.until) > request.asyncThresholdDays
        let resumable = try ledger.unfinishedChunks(after: Self.dayAgo(now()))
        let chunks = range.chunks(accountId: accountId, days: request.chunkDays)
        chunksTotal = chunks.count
        report()
        for chunk in chunks {
            if resumable.contains(chunk) {
                outcome.chunksSkipped += 1
            } else {
                try fetch(chunk, client: client, ledger: ledger, useJob: useJobs)
            }
            chunksDone += 1
            outcome.chunks += 1
            report()
        }
    }

    /// Fetches one chunk (splitting it when Meta cannot produce it whole) and commits its coverage.
    private func fetch(_ chunk: SyncChunk, client: GraphClient, ledger: Ledger, useJob: Bool) throws {
        var returned = Set<String>()
        var counts = AppendCounts()
        let handle: (GraphPage) throws -> Void = { page in
            let (pageCounts, keys) = try ledger.appendInsightPage(
                page.rows, accountId: self.accountId, runId: self.runId,
                locator: "\(self.accountId) \(chunk.since)…\(chunk.until) page \(page.pageNumber)")
            counts.add(pageCounts)
            self.outcome.add(pageCounts)
            returned.formUnion(keys)
            self.report()
        }
        do {
            if useJob {
                try client.runInsightsJob(
                    accountId: accountId, since: chunk.since, until: chunk.until, fields: InsightFields.all, handle)
            } else {
                try client.forEachInsightsPage(
                    accountId: accountId, since: chunk.since, until: chunk.until, fields: InsightFields.all, handle)
            }
        } catch let error as GraphError where error.suggestsSplittingRange {
            // Meta could not produce the range: an async job first, then halves.
            if !useJob {
                try fetch(chunk, client: client, ledger: ledger, useJob: true)
                return
            }
            guard let halves = chunk.halves else { throw error }
            try fetch(halves.first, client: client, ledger: ledger, useJob: true)
            try fetch(halves.second, client: client, ledger: ledger, useJob: true)
            return
        }
        outcome.vanished += try ledger.completeChunk(chunk, runId: runId, returned: returned, counts: counts)
    }

    /// Errors that would stop every later request of this account too.
    static func isFatal(_ error: GraphError) -> Bool {
        switch error {
        case .missingToken, .invalidToken, .permissionDenied, .invalidAccountId, .invalidConfiguration, .cassetteMiss,
            .cassette:
            true
        default:
            false
        }
    }

    static func dayAgo(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.string(from: date.addingTimeInterval(-86_400))
    }
}
