import Foundation
import TestSupport

/// SIGKILL `creatives import` of a big CSV at a seeded random moment: afterwards `verify` passes and the
/// creatives are all there or none (one transaction), and the import re-run completes.
enum KillDuringImport {
    static let name = "kill during creatives import"

    static func run(_ campaign: Campaign) throws -> ScenarioResult {
        var random = campaign.random(name)
        var result = ScenarioResult(name: name, seed: campaign.options.seed)
        let ws = try campaign.workspace("kill-import")
        let count = campaign.options.mode == .short ? 5_000 : 30_000
        let csv = ws.path("creatives.csv")
        _ = FileManager.default.createFile(atPath: csv, contents: Data(HostileSamples.creativesCSV(count: count, random: &random)))
        let base = ws.path("base.sqlite")
        guard try ws.run(["--db", base, "init"]).ok else { throw CampaignError.setup("init failed") }
        let timingDb = ws.path("timing.sqlite")
        try FileManager.default.copyItem(atPath: base, toPath: timingDb)
        let timing = try ws.run(["--db", timingDb, "creatives", "import", csv], timeout: 300)
        guard timing.ok else { throw CampaignError.setup("import failed: \(timing.summary)") }
        result.check(try ws.count(timingDb, "SELECT count(*) FROM generated_ads") == count, "an uninterrupted import did not register every creative")
        Campaign.removeLedger(timingDb)
        let countsSQL = "SELECT (SELECT count(*) FROM events WHERE kind = 'creative.registered'), (SELECT count(*) FROM generated_ads)"

        var killedMidway = 0
        for trial in 0..<campaign.options.trials(short: 3, full: 20) {
            result.trials += 1
            let db = ws.path("t.sqlite")
            Campaign.removeLedger(db)
            try FileManager.default.copyItem(atPath: base, toPath: db)
            let delay = Double.random(in: 0.01...(timing.seconds * 1.1), using: &random)
            if try ws.killMidRun(["--db", db, "creatives", "import", csv], after: delay, timeout: 300) { killedMidway += 1 }
            let label = "trial \(trial) (kill at \(String(format: "%.3f", delay)) s)"
            let verify = try ws.verify(db)
            result.check(verify.ok, "\(label): verify failed after the kill: \(verify.summary)")
            let counts = try ws.query(db, countsSQL).first ?? ""
            result.check(counts == "0,0" || counts == "\(count),\(count)", "\(label): after the kill events,generated_ads = \(counts), not all or none")
            let again = try ws.run(["--db", db, "creatives", "import", csv], timeout: 300)
            result.check(again.ok, "\(label): the re-run failed: \(again.summary)")
            let final = try ws.query(db, countsSQL).first ?? ""
            result.check(final == "\(count),\(count)", "\(label): after the re-run events,generated_ads = \(final)")
            if final != "\(count),\(count)", let events = Int(final.split(separator: ",").first ?? "") { result.duplicates += max(events - count, 0) }
            result.check(try ws.verify(db).ok, "\(label): verify failed after the re-run")
        }
        Campaign.removeLedger(ws.path("t.sqlite"))
        result.notes.append("\(killedMidway) kills landed mid-run, import \(String(format: "%.1f", timing.seconds)) s")
        campaign.close(ws, &result)
        return result
    }
}
