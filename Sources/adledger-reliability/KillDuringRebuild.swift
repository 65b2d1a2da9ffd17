import Foundation
import Ledger
import TestSupport

/// SIGKILL `rebuild` at a seeded random moment: afterwards `verify` passes, the log is untouched, the
/// projections are exactly what they were (the swap is all or nothing), and a later rebuild completes.
///
/// Then the same on ledgers whose projections drifted from the log, so the rebuild has something to change: a few
/// performance rows (updated in place, `ProjectionPatch`) and every one of them (the fresh tables swapped in).
/// After the kill the projections are either the drifted ones or the log's, never a mix, and `verify` passes
/// exactly when they are the log's; a rebuild afterwards brings them back to the log's.
enum KillDuringRebuild {
    static let name = "kill during rebuild"

    static func run(_ campaign: Campaign) throws -> ScenarioResult {
        var random = campaign.random(name)
        var result = ScenarioResult(name: name, seed: campaign.options.seed)
        let ws = try campaign.workspace("kill-rebuild")
        let base = ws.path("base.sqlite")
        try BigLedger.ingest(into: base, ws: ws, ads: campaign.options.mode == .short ? 40 : 200, days: 30)
        let expectedProjection = try ws.query(base, KillDuringSync.projectionSQL)
        let expectedChain = try ws.chain(base)
        let timing = try ws.run(["--db", base, "rebuild"], timeout: 300)
        guard timing.ok else { throw CampaignError.setup("rebuild failed: \(timing.summary)") }
        let chainAfterRebuild = try ws.chain(base)
        result.check(chainAfterRebuild.starts(with: expectedChain), "rebuild changed the log")
        let reference = try ws.query(base, KillDuringSync.projectionSQL)
        result.check(reference == expectedProjection, "a rebuild of an unchanged log changed the projection")
        campaign.log("\(name): rebuild of \(expectedChain.count) events takes \(String(format: "%.2f", timing.seconds)) s")

        var killedMidway = 0
        for trial in 0..<campaign.options.trials(short: 3, full: 20) {
            result.trials += 1
            let db = ws.path("t.sqlite")
            Campaign.removeLedger(db)
            try FileManager.default.copyItem(atPath: base, toPath: db)
            let chainBefore = try ws.chain(db)
            let delay = Double.random(in: 0.01...(timing.seconds * 1.1), using: &random)
            if try ws.killMidRun(["--db", db, "rebuild"], after: delay, timeout: 300) { killedMidway += 1 }
            let label = "trial \(trial) (kill at \(String(format: "%.3f", delay)) s)"
            let verify = try ws.verify(db)
            result.check(verify.ok, "\(label): verify failed after the kill: \(verify.summary)")
            result.eventsLost += Workspace.eventsLost(before: chainBefore, after: try ws.chain(db))
            let projection = try ws.query(db, KillDuringSync.projectionSQL)
            result.eventsLost += Set(expectedProjection).subtracting(projection).count
            result.check(projection == expectedProjection, "\(label): projection is not what it was before the rebuild")
            let again = try ws.run(["--db", db, "rebuild"], timeout: 300)
            result.check(again.ok, "\(label): a rebuild after the kill failed: \(again.summary)")
            result.check(try ws.verify(db).ok, "\(label): verify failed after the second rebuild")
            result.check(try ws.query(db, KillDuringSync.projectionSQL) == expectedProjection,
                         "\(label): projection changed after the second rebuild")
        }
        Campaign.removeLedger(ws.path("t.sqlite"))
        result.notes.append("\(killedMidway) kills landed mid-run, rebuild \(String(format: "%.1f", timing.seconds)) s")
        for drift in Drift.allCases {
            try killDrifted(drift, base: base, expected: expectedProjection, campaign, ws, &random, &result)
        }
        campaign.close(ws, &result)
        return result
    }

    /// How the projections of a drifted ledger differ from the log.
    enum Drift: String, CaseIterable {
        /// Three performance rows' spend (and, through the triggers, their summaries): patched in place.
        case fewRows = "a few drifted rows"
        /// Every performance row's spend: the fresh tables are swapped in.
        case everyRow = "every row drifted"

        var sql: String {
            switch self {
            case .fewRows: "UPDATE meta_ads_performance SET spend = spend + 1 WHERE rowid IN (1, 2, 3)"
            case .everyRow: "UPDATE meta_ads_performance SET spend = spend + 1"
            }
        }
    }

    /// Kills `rebuild` of a copy of `base` whose projections drifted (`drift`), at seeded random moments.
    private static func killDrifted(
        _ drift: Drift, base: String, expected: [String], _ campaign: Campaign, _ ws: Workspace,
        _ random: inout SeededGenerator, _ result: inout ScenarioResult
    ) throws {
        let drifted = ws.path("drifted.sqlite")
        Campaign.removeLedger(drifted)
        try FileManager.default.copyItem(atPath: base, toPath: drifted)
        do {
            let connection = try Connection(path: drifted, mode: .readWrite)
            try connection.execute(drift.sql)
        } catch {
            throw CampaignError.setup("drifting the projections: \(error)")
        }
        let driftedProjection = try ws.query(drifted, KillDuringSync.projectionSQL)
        guard driftedProjection != expected, !(try ws.verify(drifted).ok) else {
            throw CampaignError.setup("\(drift.rawValue): the drift did not change the projections verify checks")
        }
        let chainBefore = try ws.chain(drifted)
        // How long a rebuild of the drifted ledger takes, on a copy.
        let db = ws.path("t.sqlite")
        Campaign.removeLedger(db)
        try FileManager.default.copyItem(atPath: drifted, toPath: db)
        let timing = try ws.run(["--db", db, "rebuild"], timeout: 300)
        guard timing.ok, try ws.query(db, KillDuringSync.projectionSQL) == expected else {
            throw CampaignError.setup("\(drift.rawValue): rebuild did not restore the projections: \(timing.summary)")
        }
        var killedMidway = 0
        var restored = 0
        for trial in 0..<campaign.options.trials(short: 2, full: 10) {
            result.trials += 1
            Campaign.removeLedger(db)
            try FileManager.default.copyItem(atPath: drifted, toPath: db)
            let delay = Double.random(in: 0.01...(timing.seconds * 1.1), using: &random)
            if try ws.killMidRun(["--db", db, "rebuild"], after: delay, timeout: 300) { killedMidway += 1 }
            let label = "\(drift.rawValue), trial \(trial) (kill at \(String(format: "%.3f", delay)) s)"
            result.eventsLost += Workspace.eventsLost(before: chainBefore, after: try ws.chain(db))
            let projection = try ws.query(db, KillDuringSync.projectionSQL)
            let isRestored = projection == expected
            if isRestored { restored += 1 }
            result.check(
                isRestored || projection == driftedProjection,
                "\(label): the projection is neither the drifted one nor the log's (a partial rebuild)")
            let verify = try ws.verify(db)
            result.check(
                verify.ok == isRestored,
                "\(label): verify \(verify.ok ? "passed on drifted projections" : "failed on restored ones: \(verify.summary)")")
            let again = try ws.run(["--db", db, "rebuild"], timeout: 300)
            result.check(again.ok, "\(label): a rebuild after the kill failed: \(again.summary)")
            result.check(try ws.verify(db).ok, "\(label): verify failed after the second rebuild")
            result.check(
                try ws.query(db, KillDuringSync.projectionSQL) == expected,
                "\(label): the second rebuild did not restore the projection")
        }
        Campaign.removeLedger(db)
        Campaign.removeLedger(drifted)
        result.notes.append(
            "\(drift.rawValue): \(killedMidway) kills mid-run, \(restored) left it restored, rebuild "
                + String(format: "%.1f", timing.seconds) + " s")
    }
}
