import Dispatch
import Ledger
import MetaGraph

/// Fetches an account's chunks from its queue with one Graph client, one chunk at a time, each while holding
/// one of the sync's request slots. Several workers of one account run side by side; each page is committed
/// with its projection updates through the run's one ledger connection.
struct ChunkWorker: Sendable {
    let accountId: String
    let runId: String
    let useJobs: Bool
    let queue: ChunkQueue
    let ledger: LedgerGate
    let tally: AccountTally
    let slots: DispatchSemaphore

    /// Fetches chunks until the queue is empty or a worker failed; a failure stops the queue.
    func run(with client: GraphClient) {
        while let chunk = queue.next() {
            slots.wait()
            defer { slots.signal() }
            tally.chunkStarted()
            do {
                tally.chunkFinished(vanished: try fetch(chunk, client: client, useJob: useJobs))
            } catch {
                tally.chunkAbandoned()
                queue.stop(error)
            }
        }
    }

    /// Fetches one chunk (splitting it when Meta cannot produce it whole) and commits its coverage; returns how
    /// many ad-days vanished.
    private func fetch(_ chunk: SyncChunk, client: GraphClient, useJob: Bool) throws -> Int {
        var returned = Set<String>()
        var counts = AppendCounts()
        let handle: (GraphPage) throws -> Void = { page in
            let (pageCounts, keys) = try ledger.with { ledger in
                try ledger.appendInsightPage(
                    page.rows, accountId: accountId, runId: runId,
                    locator: "\(accountId) \(chunk.since)…\(chunk.until) page \(page.pageNumber)")
            }
            counts.add(pageCounts)
            tally.add(pageCounts)
            returned.formUnion(keys)
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
            if !useJob { return try fetch(chunk, client: client, useJob: true) }
            guard let halves = chunk.halves else { throw error }
            return try fetch(halves.first, client: client, useJob: true)
                + fetch(halves.second, client: client, useJob: true)
        }
        return try ledger.with { ledger in
            try ledger.completeChunk(chunk, runId: runId, returned: returned, counts: counts)
        }
    }
}
