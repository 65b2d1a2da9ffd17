import Foundation
import TestSupport

/// SIGKILL a sync at a seeded random moment (once or twice), then check: `verify` passes, no page is
/// half-applied, nothing committed before the kill is lost, and a re-run converges to the ledger of an
/// uninterrupted sync (same projection rows, same event payloads). Two worlds: two accounts side by side, and
/// one account whose weekly chunks are fetched four at a time.
enum KillDuringSync {
    static let projectionSQL =
        "SELECT meta_ad_id, date, spend, impressions, purchases, revisions, vanished_at FROM meta_ads_performance ORDER BY 1, 2"
    static let payloadsSQL = "SELECT kind, stream, payload_hash FROM events WHERE kind NOT LIKE 'sync.%' ORDER BY 1, 2, 3"

    /// Two accounts, 40 ads × 14 days each.
    static func run(_ campaign: Campaign) throws -> ScenarioResult {
        try run(campaign, name: "kill during sync", key: "kill-sync", world: try SyncWorld.standard(ads: 40, days: 14, latency: 0.035))
    }

    /// One account, 30 ads × 35 days from a Wednesday (six chunks, the first and last clipped), `--concurrency 4`:
    /// the kill lands while several chunks of the account are in flight.
    static func runConcurrent(_ campaign: Campaign) throws -> ScenarioResult {
        let account = StandInAccount(
            id: "2101", name: "Rel Weekly", timezoneName: "Europe/Berlin", adCount: 30, campaignCount: 3,
            firstDay: "2025-11-12", dayCount: 35)
        let world = try SyncWorld(accounts: [account], since: "2025-11-12", until: "2025-12-16", latency: 0.035)
        world.concurrency = 4
        var result = try run(campaign, name: "kill during concurrent sync", key: "kill-concurrent-sync", world: world)
        let inFlight = world.server.maxRequestsInFlight
        result.check(inFlight > 1, "the sync never had more than one request in flight")
        result.notes.append("up to \(inFlight) requests in flight")
        return result
    }

    static func run(_ campaign: Campaign, name: String, key: String, world: SyncWorld) throws -> ScenarioResult {
        var random = campaign.random(name)
        var result = ScenarioResult(name: name, seed: campaign.options.seed)
        let ws = try campaign.workspace(key, environment: world.environment())

        // The reference: one uninterrupted sync.
        let base = ws.path("base.sqlite")
        let reference = try ws.run(world.syncArguments(db: base))
        guard reference.ok else { throw CampaignError.setup("reference sync failed: \(reference.summary)") }
        result.failures += try world.checkTotals(ws, db: base)
        result.check(try ws.verify(base).ok, "verify failed on the reference ledger")
        let expectedProjection = try ws.query(base, projectionSQL)
        let expectedPayloads = try ws.query(base, payloadsSQL)
        let span = reference.seconds
        campaign.log("\(name): reference sync \(String(format: "%.2f", span)) s, \(expectedProjection.count) rows")

        var killedMidway = 0
        var walLeft = 0
        for trial in 0..<campaign.options.trials(short: 6, full: 50) {
            result.trials += 1
            world.server.setLatency(Double.random(in: 0.02...0.05, using: &random))
            let db = ws.path("t\(trial).sqlite")
            let kills = Int.random(in: 0..<3, using: &random) == 0 ? 2 : 1
            var before: [String] = []
            for kill in 0..<kills {
                let delay = Double.random(in: 0.02...(span * 1.1), using: &random)
                if try ws.killMidRun(world.syncArguments(db: db), after: delay, timeout: 60) { killedMidway += 1 }
                let label = "trial \(trial) kill \(kill + 1) at \(String(format: "%.3f", delay)) s"
                guard FileManager.default.fileExists(atPath: db) else { continue }
                if FileManager.default.fileExists(atPath: db + "-wal") { walLeft += 1 }
                // A reader first: it must see a consistent ledger with the crashed writer's -wal still there.
                let verify = try ws.verify(db)
                // Killed before the ledger's schema committed (the file is empty, or holds only the header SQLite
                // wrote when switching to WAL): a reader refuses it as "the file is empty", so there is nothing to
                // check yet; the re-run below must create the ledger in it. Only before anything was seen committed.
                if !verify.ok, before.isEmpty, verify.summary.contains("(the file is empty)") { continue }
                result.check(verify.ok, "\(label): verify failed after the kill: \(verify.summary)")
                guard verify.ok else { continue }
                let committed = try ws.committedAdDays(db)
                result.failures += world.halfPages(committed: committed).map { "\(label): \($0)" }
                let duplicates = try ws.duplicateInsights(db)
                result.duplicates += duplicates
                let chain = try ws.chain(db)
                result.eventsLost += Workspace.eventsLost(before: before, after: chain)
                before = chain
            }
            let rerun = try ws.run(world.syncArguments(db: db))
            result.check(rerun.ok, "trial \(trial): the re-run failed: \(rerun.summary)")
            let verify = try ws.verify(db)
            result.check(verify.ok, "trial \(trial): verify failed after the re-run: \(verify.summary)")
            let lost = Workspace.eventsLost(before: before, after: try ws.chain(db))
            result.eventsLost += lost
            if lost > 0 { result.failures.append("trial \(trial): \(lost) events committed before the kill changed or vanished") }
            let projection = try ws.query(db, projectionSQL)
            let missing = Set(expectedProjection).subtracting(projection).count
            result.eventsLost += missing
            result.check(projection == expectedProjection,
                         "trial \(trial): projection differs from the uninterrupted sync (\(missing) rows missing, \(projection.count) vs \(expectedProjection.count))")
            let payloads = try ws.query(db, payloadsSQL)
            result.check(payloads == expectedPayloads,
                         "trial \(trial): event payloads differ from the uninterrupted sync (\(payloads.count) vs \(expectedPayloads.count))")
            result.duplicates += try ws.duplicateInsights(db)
            if !campaign.options.keep { Campaign.removeLedger(db) }
        }
        result.notes.append("\(killedMidway) kills landed mid-run, \(walLeft) left a -wal")
        campaign.close(ws, &result)
        return result
    }
}
