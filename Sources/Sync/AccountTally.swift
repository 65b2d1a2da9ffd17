import Foundation
import Ledger
import Logging
import MetaGraph

/// One account's counts while its chunks are fetched on several threads: the outcome it will report, and the
/// live figures its progress line shows (chunks done and in flight, pages, waits, retries).
///
/// `@unchecked Sendable`: every stored `var` is only touched while holding `lock`.
final class AccountTally: @unchecked Sendable {
    private let lock = NSLock()
    private let accountId: String
    private let started = Date()
    private let progress: @Sendable (SyncProgress) -> Void
    private let logger: Logger
    private var outcome: AccountOutcome
    private var chunksDone = 0
    private var chunksTotal = 0
    private var inFlight = 0
    private var pages = 0
    private var throttleWaits = 0
    private var retries = 0
    private var note: String?

    init(accountId: String, progress: @escaping @Sendable (SyncProgress) -> Void, logger: Logger) {
        self.accountId = accountId
        self.progress = progress
        self.logger = logger
        outcome = AccountOutcome(accountId: accountId)
    }

    /// What a Graph client of this account did: counted for the progress line, logged when worth it.
    func observe(_ event: GraphEvent) {
        update { () -> Bool in
            switch event {
            case .throttleWait(let seconds, let reason):
                throttleWaits += 1
                note = "waiting \(Int(seconds.rounded())) s for the rate limit"
                logger.info(
                    "throttle wait \(Int(seconds.rounded())) s (\(reason))", metadata: ["account": "\(accountId)"])
            case .retry(let attempt, let delay, let reason):
                retries += 1
                note = "retry \(attempt): \(reason)"
                logger.info("retry \(attempt) in \(delay) s: \(reason)", metadata: ["account": "\(accountId)"])
            case .jobStatus(_, let status, let percent): note = "report job \(status) \(percent)%"
            case .page:
                pages += 1
                note = nil
            default: return false
            }
            return true
        }
    }

    /// The plan: its days, how many chunks, how many of them an earlier run already completed.
    func planned(_ plan: SyncPlan, skipped: Int) {
        update { () -> Bool in
            outcome.since = plan.since
            outcome.until = plan.until
            outcome.resumedRun = plan.resumedRun
            outcome.chunksSkipped = skipped
            outcome.chunks = skipped
            chunksDone = skipped
            chunksTotal = plan.chunks.count
            return true
        }
    }

    func chunkStarted() {
        update { () -> Bool in
            inFlight += 1
            return true
        }
    }

    func chunkFinished(vanished: Int) {
        update { () -> Bool in
            inFlight -= 1
            chunksDone += 1
            outcome.chunks += 1
            outcome.vanished += vanished
            return true
        }
    }

    /// A chunk that stopped with an error: no longer in flight, not done.
    func chunkAbandoned() {
        update { () -> Bool in
            inFlight -= 1
            return true
        }
    }

    /// One committed page.
    func add(_ counts: AppendCounts) {
        update { () -> Bool in
            outcome.add(counts)
            return true
        }
    }

    func campaignsChanged(_ count: Int) {
        update { () -> Bool in
            outcome.campaignsChanged += count
            return false
        }
    }

    func objectsChanged(_ count: Int) {
        update { () -> Bool in
            outcome.objectsChanged += count
            return false
        }
    }

    /// A problem that did not stop the account.
    func warn(_ text: String) {
        update { () -> Bool in
            outcome.warnings.append(text)
            return false
        }
    }

    /// A client's totals, once it is done (requests, retries, waits and pages of every client add up).
    func absorb(_ counters: GraphCounters) {
        update { () -> Bool in
            outcome.requests += counters.requests
            outcome.pages += counters.pages
            outcome.retries += counters.retries
            outcome.throttleWaits += counters.throttleWaits
            outcome.throttleSeconds += counters.throttleSeconds
            return false
        }
    }

    /// The outcome: `error` is the reason the account stopped, nil when it finished.
    func finish(error: (any Error)?) -> AccountOutcome {
        lock.withLock {
            if let error { outcome.fail(with: error) }
            outcome.seconds = Date().timeIntervalSince(started)
            return outcome
        }
    }

    /// Applies `change` under the lock; reports progress (outside it) when `change` says so.
    private func update(_ change: () -> Bool) {
        let report: SyncProgress? = lock.withLock {
            guard change() else { return nil }
            return SyncProgress(
                accountId: accountId, chunksDone: chunksDone, chunksTotal: chunksTotal, chunksInFlight: inFlight,
                pages: pages, rows: outcome.rows, throttleWaits: throttleWaits, retries: retries,
                elapsed: Date().timeIntervalSince(started), note: note)
        }
        if let report { progress(report) }
    }
}
