import Foundation
import TestSupport

/// Hostile files through `ingest` and `creatives import`: no crash (never a signal), no hang (a deadline per
/// run), a reject is exit 1 with a clear `Error:` line, and the ledger still verifies afterwards.
enum HostileInput {
    enum Target {
        case ingest
        case creatives

        var name: String { self == .ingest ? "hostile ingest" : "hostile creatives import" }
    }

    static func run(_ campaign: Campaign, target: Target) throws -> ScenarioResult {
        var random = campaign.random(target.name)
        var result = ScenarioResult(name: target.name, seed: campaign.options.seed)
        let ws = try campaign.workspace(target == .ingest ? "hostile-ingest" : "hostile-creatives")
        let db = ws.path("l.sqlite")
        guard try ws.run(["--db", db, "init"]).ok else { throw CampaignError.setup("init failed") }

        var samples: [(String, [UInt8])]
        let base: [UInt8]
        switch target {
        case .ingest:
            samples = HostileSamples.ingestExtremes(megabytes: campaign.options.mode == .short ? 2 : 16)
            base = HostileSamples.insightPage(rows: 12)
        case .creatives:
            samples = HostileSamples.creativeExtremes(megabytes: campaign.options.mode == .short ? 2 : 16, random: &random)
            base = HostileSamples.creativesCSV(count: 12, random: &random)
        }
        let mutations = campaign.options.trials(short: 25, full: 400)
        for index in 0..<mutations {
            samples.append(("mutation \(index)", HostileSamples.mutate(base, random: &random)))
        }

        var slowest: [(Double, String)] = []
        var rejected = 0
        var accepted = 0
        for (index, (label, bytes)) in samples.enumerated() {
            result.trials += 1
            let failuresBefore = result.failures.count
            let file = ws.path(String(format: "input-%04d", index))
            _ = FileManager.default.createFile(atPath: file, contents: Data(bytes))
            let skipBad = target == .creatives && Bool.random(using: &random)
            let arguments =
                target == .ingest
                ? ["--db", db, "ingest", file, "--account", "act_2001"]
                : ["--db", db, "creatives", "import", file] + (skipBad ? ["--skip-bad"] : [])
            let outcome = try ws.run(arguments, timeout: 60)
            slowest = Array((slowest + [(outcome.seconds, label)]).sorted { $0.0 > $1.0 }.prefix(3))
            let where_ = "\(label) (\(file.split(separator: "/").last ?? ""), \(bytes.count) bytes)"
            if outcome.timedOut {
                result.failures.append("\(where_): hung (killed after 60 s)")
            } else if outcome.signaled {
                result.failures.append("\(where_): crashed with signal \(outcome.status): \(outcome.stderr.suffix(300))")
            } else if outcome.status == 0 {
                accepted += 1
                // Creatives: `--skip-bad` lists skipped lines on stderr; ingest prints nothing there.
                if target == .ingest && !outcome.stderrLines.isEmpty {
                    result.failures.append("\(where_): exit 0 but stderr: \(outcome.stderrLines.first ?? "")")
                }
            } else if outcome.status == 1 {
                rejected += 1
                let lines = outcome.stderrLines
                let last = lines.last.map(String.init) ?? ""
                if !last.hasPrefix("Error: ") || last.count < 20 {
                    result.failures.append("\(where_): rejected without a clear error line: \(last.prefix(200))")
                } else if target == .ingest && lines.count != 1 {
                    result.failures.append("\(where_): rejected with \(lines.count) stderr lines, not one")
                } else if last.count > 2_000 {
                    result.failures.append("\(where_): error line of \(last.count) characters")
                }
            } else {
                result.failures.append("\(where_): exit \(outcome.status): \(outcome.stderrLines.last ?? "")")
            }
            if (outcome.status == 0 && campaign.options.mode == .full) || index % 10 == 9 || index == samples.count - 1 {
                let verify = try ws.verify(db)
                if !verify.ok { result.failures.append("\(where_): verify failed afterwards: \(verify.summary)") }
            }
            if result.failures.count == failuresBefore { try? FileManager.default.removeItem(atPath: file) }
        }
        result.notes.append("\(accepted) accepted, \(rejected) rejected; slowest: " + slowest.map { "\($0.1) \(String(format: "%.1f", $0.0)) s" }.joined(separator: ", "))
        campaign.close(ws, &result)
        return result
    }
}
