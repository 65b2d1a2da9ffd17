import Foundation
import Ledger
import Sync

/// `match suggest` at scale: N creatives and N ads (one day each), then the full suggestion recompute that
/// every write command runs when its inputs changed, and `report` over the mapped rows.
enum MatchBenchmark {
    static func run(_ arguments: [String]) throws {
        let count = arguments.first.flatMap { Int($0) } ?? 100_000
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("adledger-matchbench-\(getpid())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        var csv = "id,brand,filename,concept,format\n"
        var rows = ""
        for i in 0..<count {
            let short = String(format: "%08x", UInt32(truncatingIfNeeded: i &* 2_654_435_761))
            let id = "\(short)-\(String(format: "%04x", i & 0xFFFF))-4000-8000-\(String(format: "%012x", i))"
            csv += "\(id),WP,\(short)-WP-C\(i % 7)-SQ.png,C\(i % 7),SQ\n"
            // Most ads name their creative; some carry a date or a second id; some name nothing registered.
            let name: String
            switch i % 10 {
            case 0: name = "WP | retargeting | 20251201 | \(String(format: "%08x", UInt32(truncatingIfNeeded: i &* 40503)))"
            case 1: name = "WP \(short.uppercased()) + 0badc0de copy"
            default: name = "WP | C\(i % 7) | \(short)-WP-C\(i % 7)-SQ.png"
            }
            rows += "{\"account_id\":\"42\",\"ad_id\":\"\(7_000_000 + i)\",\"ad_name\":\"\(name)\",\"date_start\":\"2025-12-01\",\"spend\":\"1.00\",\"impressions\":\"100\"}\n"
        }
        let csvPath = directory.appendingPathComponent("creatives.csv").path
        let rowsPath = directory.appendingPathComponent("ads.jsonl").path
        try csv.write(toFile: csvPath, atomically: false, encoding: .utf8)
        try rows.write(toFile: rowsPath, atomically: false, encoding: .utf8)
        let path = directory.appendingPathComponent("match.sqlite").path
        let ledger = try Ledger(path: path)
        _ = try ledger.linkBrand("WP", account: "act_42", name: nil, primary: true)
        let (_, importSeconds) = try LedgerBenchmark.timed { try ledger.importCreatives(file: csvPath, skipBad: false) }
        let (_, ingestSeconds) = try LedgerBenchmark.timed { try ledger.ingest(files: [rowsPath], account: nil) }
        print(String(format: "%d creatives imported in %.2f s; %d ads ingested in %.2f s (each also recomputed suggestions)",
            count, importSeconds, count, ingestSeconds))
        let probe = try LedgerReader(path: path)
        var adRows = 0
        let (_, adsSeconds) = try LedgerBenchmark.timed {
            try probe.query(
                "SELECT meta_ad_id, meta_ad_account_id, ad_name, max(date) FROM meta_ads_performance WHERE ad_name IS NOT NULL GROUP BY meta_ad_id ORDER BY meta_ad_id",
                columns: { _ in }, row: { _ in adRows += 1 })
        }
        print(String(format: "  (reading %d latest ad names alone: %.2f s)", adRows, adsSeconds))
        let rssBefore = LedgerBenchmark.peakRSSMegabytes()
        let (_, suggestSeconds) = try LedgerBenchmark.timed { try ledger.recomputeSuggestions() }
        let kinds = try ledger.suggestionCounts()
        print(String(format: "suggest:   %.2f s for %d ads × %d creatives (%@), peak RSS %.0f MB (%.0f MB before)",
            suggestSeconds, count, count, kinds, LedgerBenchmark.peakRSSMegabytes(), rssBefore))
        let (linked, autoSeconds) = try LedgerBenchmark.timed { try ledger.autoLink(actor: MappingActor("bench")) }
        print(String(format: "match auto: %d links in %.2f s", linked, autoSeconds))
        let reader = try LedgerReader(path: path)
        let (report, reportSeconds) = try LedgerBenchmark.timed { try reader.report(ReportRequest(groupings: [.concept])) }
        let reportRows = report.rows.count
        print(String(format: "report --by concept: %d groups in %.3f s over %d mapped ad-days", reportRows, reportSeconds, linked))
    }
}
