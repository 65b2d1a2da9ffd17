import Foundation
import TestSupport

/// Two syncs on one ledger at once, and readers while a sync writes.
enum Concurrency {
    static let twoSyncs = "two syncs on one ledger"
    static let readers = "reads while a sync writes"

    /// Both syncs end well, or the loser fails with "busy"; the ledger always verifies, has no duplicates,
    /// and (after a re-run of any loser) the right totals.
    static func runTwoSyncs(_ campaign: Campaign) throws -> ScenarioResult {
        var random = campaign.random(twoSyncs)
        var result = ScenarioResult(name: twoSyncs, seed: campaign.options.seed)
        let world = try SyncWorld.standard(ads: 30, days: 14, latency: 0.01)
        let ws = try campaign.workspace("two-syncs", environment: world.environment())
        var busy = 0
        for trial in 0..<campaign.options.trials(short: 3, full: 12) {
            result.trials += 1
            let db = ws.path("t\(trial).sqlite")
            if Bool.random(using: &random) { _ = try ws.run(["--db", db, "init"]) }
            let first = try ws.spawn(world.syncArguments(db: db))
            usleep(useconds_t(Int.random(in: 0...200_000, using: &random)))
            let second = try ws.spawn(world.syncArguments(db: db))
            let outcomes = [first.wait(timeout: 120), second.wait(timeout: 120)]
            outcomes.forEach(ws.record)
            for (index, outcome) in outcomes.enumerated() where !outcome.ok {
                let text = outcome.stderr.lowercased()
                if !outcome.signaled && !outcome.timedOut && text.contains("busy") {
                    busy += 1
                } else {
                    result.failures.append("trial \(trial) sync \(index + 1): \(outcome.summary)")
                }
            }
            let verify = try ws.verify(db)
            result.check(verify.ok, "trial \(trial): verify failed: \(verify.summary)")
            if outcomes.contains(where: { !$0.ok }) {
                let rerun = try ws.run(world.syncArguments(db: db))
                result.check(rerun.ok, "trial \(trial): re-run failed: \(rerun.summary)")
            }
            result.failures += try world.checkTotals(ws, db: db).map { "trial \(trial): \($0)" }
            result.duplicates += try ws.duplicateInsights(db)
            Campaign.removeLedger(db)
        }
        result.notes.append("\(busy) syncs stopped with \"busy\"")
        campaign.close(ws, &result)
        return result
    }

    /// Every read during a sync — `query` runs, and statements piped into one `shell` held open through the
    /// sync — sees a consistent snapshot: history rows = sum(revisions), one insight event per performance
    /// row; no read fails, and the open shell sees the sync advance rather than one old snapshot.
    static func runReaders(_ campaign: Campaign) throws -> ScenarioResult {
        var result = ScenarioResult(name: readers, seed: campaign.options.seed)
        let world = try SyncWorld.standard(ads: 40, days: 14, latency: 0.02)
        let ws = try campaign.workspace("readers", environment: world.environment())
        let sql = """
            SELECT (SELECT count(*) FROM meta_ads_performance_history), (SELECT coalesce(sum(revisions), 0) FROM meta_ads_performance), \
            (SELECT count(*) FROM events WHERE kind = 'insight.fetched'), (SELECT count(*) FROM meta_ads_performance)
            """
        var reads = 0
        var distinct = Set<String>()
        var shellReads = 0
        var shellDistinct = Set<String>()
        for round in 0..<campaign.options.trials(short: 1, full: 4) {
            let db = ws.path("r\(round).sqlite")
            guard try ws.run(["--db", db, "init"]).ok else { throw CampaignError.setup("init failed") }
            let sync = try ws.spawn(world.syncArguments(db: db))
            // A shell that stays open through the sync: one connection, a statement per loop.
            let input = Pipe()
            let shell = try ws.spawn(["--db", db, "shell"], input: input)
            try? input.fileHandleForWriting.write(contentsOf: Data(".mode csv\n.headers off\n".utf8))
            var shellStatements = 0
            while sync.process.isRunning {
                if (try? input.fileHandleForWriting.write(contentsOf: Data((sql + ";\n").utf8))) != nil {
                    shellStatements += 1
                }
                let read = try ws.run(["--db", db, "query", sql, "--format", "csv"], timeout: 30)
                reads += 1
                result.trials += 1
                guard read.ok else {
                    result.failures.append("round \(round) read \(reads) failed during the sync: \(read.summary)")
                    continue
                }
                guard let line = read.stdout.split(separator: "\n").dropFirst().first else { continue }
                let values = line.split(separator: ",").map { Int($0) ?? -1 }
                distinct.insert(String(line))
                result.check(values.count == 4 && values[0] == values[1] && values[2] == values[3],
                             "round \(round) read \(reads): inconsistent snapshot \(line)")
            }
            let outcome = sync.wait(timeout: 120)
            ws.record(outcome)
            try? input.fileHandleForWriting.close()
            let shellOutcome = shell.wait(timeout: 60)
            ws.record(shellOutcome)
            let shellLines = shellOutcome.stdout.split(separator: "\n").map(String.init)
            result.check(shellOutcome.ok, "round \(round): the shell failed: \(shellOutcome.summary)")
            result.check(shellLines.count == shellStatements,
                         "round \(round): the shell answered \(shellLines.count) of \(shellStatements) statements")
            for line in shellLines {
                let values = line.split(separator: ",").map { Int($0) ?? -1 }
                shellDistinct.insert(line)
                result.check(values.count == 4 && values[0] == values[1] && values[2] == values[3],
                             "round \(round) shell read: inconsistent snapshot \(line)")
            }
            shellReads += shellLines.count
            result.trials += shellLines.count
            result.check(outcome.ok, "round \(round): the sync failed: \(outcome.summary)")
            result.check(try ws.verify(db).ok, "round \(round): verify failed")
            result.failures += try world.checkTotals(ws, db: db)
        }
        result.check(distinct.count >= 2, "only \(distinct.count) distinct snapshots seen: the reads did not overlap the writes")
        result.check(shellDistinct.count >= 2,
                     "the open shell saw only \(shellDistinct.count) distinct snapshots: it is stuck on an old one")
        result.notes.append(
            "\(reads) query runs, \(shellReads) statements in an open shell; \(distinct.count) and \(shellDistinct.count) distinct snapshots")
        campaign.close(ws, &result)
        return result
    }
}
