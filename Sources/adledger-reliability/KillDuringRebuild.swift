import Foundation
import TestSupport

/// SIGKILL `rebuild` at a seeded random moment: afterwards `verify` passes, the log is untouched, the
/// projections are exactly what they were (the swap is all or nothing), and a later rebuild completes.
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
        campaign.close(ws, &result)
        return result
    }
}
