import Dispatch
import Foundation
import Ledger
import Logging
import MetaGraph
import Normalization

/// Syncs one ad account: its object, campaigns, ad sets, ads and creatives, then insights chunk by chunk along
/// the account's plan, with up to `concurrency` chunks in flight (each on its own Graph client, all sharing the
/// account's throttle), every page committed with its projection updates through the run's one ledger connection.
final class AccountSync {
    private let request: SyncRequest
    private let accountId: String
    private let runId: String
    private let ledger: LedgerGate
    private let slots: DispatchSemaphore
    private let now: @Sendable () -> Date
    private let logger: Logger
    private let tally: AccountTally
    private let clients: GraphClientFactory

    /// - Parameter slots: the sync's request slots (``SyncRequest/concurrency``), shared by every account.
    init(
        request: SyncRequest, accountId: String, runId: String, ledger: LedgerGate, slots: DispatchSemaphore,
        now: @escaping @Sendable () -> Date, progress: @escaping @Sendable (SyncProgress) -> Void, logger: Logger
    ) {
        self.request = request
        self.accountId = accountId
        self.runId = runId
        self.ledger = ledger
        self.slots = slots
        self.now = now
        self.logger = logger
        tally = AccountTally(accountId: accountId, progress: progress, logger: logger)
        clients = GraphClientFactory(request: request, accountId: accountId)
    }

    func run() -> AccountOutcome {
        let tally = self.tally
        var client: GraphClient?
        var failure: (any Error)?
        do {
            let made = try clients.make(onEvent: { tally.observe($0) })
            client = made
            let timeZone = try readAccountAndCampaigns(client: made)
            try fetchInsights(try plan(timeZone: timeZone), client: made)
        } catch {
            failure = error
        }
        // Counted whether the account finished or stopped: a failed account's requests and retries matter too.
        if let client { tally.absorb(client.counters) }
        return tally.finish(error: failure)
    }

    /// The account object (name, currency and the time zone its days are counted in), then campaigns, holding
    /// one request slot. Insights are the point of a sync: only errors that would stop every later request
    /// (token, permission, bad id, no route to Meta) stop it here, and then nothing more is asked.
    private func readAccountAndCampaigns(client: GraphClient) throws -> String? {
        slots.wait()
        defer { slots.signal() }
        var timeZone: String?
        do {
            let object = try client.fetchAccount(accountId)
            timeZone = try ledger.with { try $0.recordAccount(object, accountId: accountId) }
        } catch let error as GraphError where !Self.isFatal(error) {
            tally.warn("account object not read (\(error)); days are counted in UTC")
            logger.warning("account object not read: \(error)", metadata: ["account": "\(accountId)"])
        }
        do {
            try client.forEachCampaignPage(accountId: accountId) { page in
                let changed = try ledger.with { try $0.recordCampaigns(page.rows, accountId: accountId) }
                tally.campaignsChanged(changed)
            }
        } catch let error as GraphError where !Self.isFatal(error) {
            tally.warn("campaigns not read (\(error))")
            logger.warning("campaigns not read: \(error)", metadata: ["account": "\(accountId)"])
        }
        // Ad sets, ads and ad creatives.
        let objects = try ObjectSync(client: client, ledger: ledger, accountId: accountId, logger: logger).run()
        tally.objectsChanged(objects.changed)
        for warning in objects.warnings { tally.warn(warning) }
        return timeZone
    }

    /// This run's plan for the account, recorded as `sync.planned`: an unfinished plan of the same command
    /// resumed, else the range rules (``SyncRange/choose(_:today:lastCovered:)``) in the account's time zone.
    private func plan(timeZone: String?) throws -> (plan: SyncPlan, done: Set<SyncChunk>) {
        let today = DayMath.today(at: now(), timeZone: timeZone)
        let chosen = try ledger.with { ledger in
            let lastCovered = try ledger.lastFullyCoveredDay(accountId: accountId)
            let range = try SyncRange.choose(request, today: today, lastCovered: lastCovered)
            let chosen = try SyncPlan.choose(
                range: range, asked: request.asked, timeZone: timeZone, accountId: accountId,
                chunkDays: request.chunkDays, floor: SyncRange.retentionFloor(today: today), ledger: ledger)
            try ledger.recordPlan(runId: runId, accountId: accountId, plan: chosen.plan.json)
            return chosen
        }
        if let resumed = chosen.plan.resumedRun {
            logger.info(
                "resuming the plan of run \(resumed): \(chosen.done.count) of \(chosen.plan.chunks.count) chunks done",
                metadata: ["account": "\(accountId)"])
        }
        return chosen
    }

    /// Fetches the plan's chunks not done yet: this thread and up to `concurrency − 1` more, each with its own
    /// client; throws the first error any of them stopped with.
    private func fetchInsights(_ chosen: (plan: SyncPlan, done: Set<SyncChunk>), client: GraphClient) throws {
        let plan = chosen.plan
        let pending = plan.chunks.filter { !chosen.done.contains($0) }
        tally.planned(plan, skipped: plan.chunks.count - pending.count)
        let worker = ChunkWorker(
            accountId: accountId, runId: runId,
            useJobs: DayMath.days(from: plan.since, to: plan.until) > request.asyncThresholdDays,
            queue: ChunkQueue(pending), ledger: ledger, tally: tally, slots: slots)
        let group = DispatchGroup()
        let (clients, tally) = (self.clients, self.tally)
        for _ in 1..<max(1, min(clients.workers, pending.count)) {
            group.enter()
            Thread.detachNewThread {
                defer { group.leave() }
                do {
                    let client = try clients.make(onEvent: { tally.observe($0) })
                    worker.run(with: client)
                    tally.absorb(client.counters)
                } catch {
                    worker.queue.stop(error)
                }
            }
        }
        worker.run(with: client)
        group.wait()
        if let error = worker.queue.error { throw error }
    }

    /// Errors that would stop every later request of this account too.
    static func isFatal(_ error: GraphError) -> Bool {
        switch error {
        case .missingToken, .invalidToken, .permissionDenied, .invalidAccountId, .invalidConfiguration, .network,
            .cassetteMiss, .cassette, .unreachable:
            true
        default:
            false
        }
    }
}
