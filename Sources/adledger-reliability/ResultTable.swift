import Foundation
import TestSupport

/// The campaign's table: one row per scenario, then the failures in full.
enum ResultTable {
    static func render(_ results: [ScenarioResult], mode: CampaignOptions.Mode, seed: UInt64, seconds: Double) -> String {
        let header = ["scenario", "trials", "seed", "failures", "events lost", "duplicates", "result"]
        let rows = results.map { r in
            [r.name, String(r.trials), String(r.seed), String(r.failures.count), String(r.eventsLost), String(r.duplicates),
             r.passed ? "pass" : "FAIL"]
        }
        var widths = header.map(\.count)
        for row in rows { for (i, cell) in row.enumerated() { widths[i] = max(widths[i], cell.count) } }
        func line(_ cells: [String]) -> String {
            "| " + cells.enumerated().map { i, cell in
                i == 0 ? cell.padding(toLength: widths[i], withPad: " ", startingAt: 0)
                    : String(repeating: " ", count: widths[i] - cell.count) + cell
            }.joined(separator: " | ") + " |"
        }
        var text = "adledger reliability campaign — mode \(mode.rawValue), seed \(seed), \(Int(seconds.rounded())) s\n\n"
        text += line(header) + "\n"
        text += "|" + widths.enumerated().map { i, w in i == 0 ? String(repeating: "-", count: w + 2) : String(repeating: "-", count: w + 1) + ":" }.joined(separator: "|") + "|\n"
        for row in rows { text += line(row) + "\n" }
        let notes = results.filter { !$0.notes.isEmpty }
        if !notes.isEmpty {
            text += "\nnotes:\n"
            for r in notes { text += "- \(r.name): \(r.notes.joined(separator: "; "))\n" }
        }
        let failed = results.filter { !$0.failures.isEmpty }
        if !failed.isEmpty {
            text += "\nfailures:\n"
            for r in failed {
                for failure in r.failures.prefix(25) { text += "- \(r.name): \(failure)\n" }
                if r.failures.count > 25 { text += "- \(r.name): … and \(r.failures.count - 25) more\n" }
            }
        }
        return text
    }
}
