import Foundation
import Ledger
import Sync

/// `report` at scale: a year of 5,000 ads (1,825,000 ad-days) in three accounts (two USD, one JPY), 4,000 of
/// them linked to generated creatives, fetched weekly with the two weeks before re-fetched and a quarter of
/// those ads restated (so drift has something to show). The ledger is built once into FILE (default
/// `bench-out/report-year.sqlite`; a second argument sets the number of ads) and reused; then the built `adledger` binary beside this one is timed,
/// best of 3, with its peak RSS.
enum ReportBenchmark {
    static let days = 365

    static func run(_ arguments: [String]) throws {
        let path = arguments.first ?? "bench-out/report-year.sqlite"
        let ads = arguments.count > 1 ? Int(arguments[1]) ?? 5_000 : 5_000
        if !FileManager.default.fileExists(atPath: path) {
            let (_, seconds) = try LedgerBenchmark.timed { try build(path, ads: ads) }
            print(String(format: "built %@ in %.0f s (%d ads × %d days)", path, seconds, ads, days))
        }
        _ = try Ledger(path: path)  // applies any newer schema (indexes) before timing
        let adledger = Spawn.beside("adledger")
        let cases: [(String, [String])] = [
            ("report --by concept", ["report", "--by", "concept"]),
            ("report --by campaign,week", ["report", "--by", "campaign,week"]),
            ("report drift --by account", ["report", "drift", "--by", "account"]),
            ("report --by ad --top 20 --order-by roas", ["report", "--by", "ad", "--top", "20", "--order-by", "roas"]),
            ("report --by concept --trend", ["report", "--by", "concept", "--trend"]),
        ]
        for (name, arguments) in cases {
            var best = (seconds: Double.infinity, peakMegabytes: 0.0)
            for _ in 0..<3 {
                let run = try Spawn.measure([adledger, "--db", path] + arguments)
                best = (min(best.seconds, run.seconds), max(best.peakMegabytes, run.peakMegabytes))
            }
            print(
                name.padding(toLength: 42, withPad: " ", startingAt: 0)
                    + String(format: "%6.2f s  peak RSS %4.0f MB", best.seconds, best.peakMegabytes))
        }
    }

    /// Builds the ledger: brands and creatives first, then one ingest per week at that week's fetch time.
    static func build(_ path: String, ads: Int) throws {
        try FileManager.default.createDirectory(
            atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        let scratch = path + ".rows.jsonl"
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        let start = Date(timeIntervalSince1970: 1_735_689_600)  // 2025-01-01T00:00:00Z
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withFullDate]
        let dates = (0..<days).map { formatter.string(from: start.addingTimeInterval(Double($0) * 86_400)) }
        func at(_ day: Int, hour: Double) -> @Sendable () -> Date {
            let date = start.addingTimeInterval((Double(day) + hour / 24) * 86_400)
            return { date }
        }
        let setup = try Ledger(path: path, clock: at(0, hour: 0))
        for account in 0..<3 {
            _ = try setup.linkBrand(
                "WP", account: "act_\(account + 1)", name: "Bench \(account)", primary: account == 0)
        }
        var csv = "id,brand,filename,concept,format\n"
        for ad in 0..<ads where ad % 5 != 0 {
            csv +=
                "\(shortId(ad))-0000-4000-8000-\(String(format: "%012d", ad)),WP,\(shortId(ad))-WP-C\(ad % 9)-SQ.png,C\(ad % 9),SQ\n"
        }
        try csv.write(toFile: scratch, atomically: false, encoding: .utf8)
        _ = try setup.importCreatives(file: scratch, skipBad: false)
        for week in 0..<(days + 6) / 7 {
            let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: scratch))
            try handle.truncate(atOffset: 0)
            var chunk = ""
            func flush() {
                handle.write(Data(chunk.utf8))
                chunk = ""
            }
            // This week's days as first fetched, then the two weeks before with a quarter of the ads restated.
            for day in week * 7..<min(days, week * 7 + 7) {
                for ad in 0..<ads {
                    chunk += row(ad: ad, day: day, date: dates[day], revision: 0) + "\n"
                    if chunk.utf8.count > 1 << 22 { flush() }
                }
            }
            for back in 1...2 where week >= back {
                for day in (week - back) * 7..<(week - back) * 7 + 7 {
                    for ad in stride(from: week % 4, to: ads, by: 4) {
                        chunk += row(ad: ad, day: day, date: dates[day], revision: back) + "\n"
                        if chunk.utf8.count > 1 << 22 { flush() }
                    }
                }
            }
            flush()
            try handle.close()
            _ = try Ledger(path: path, clock: at(week * 7 + 8, hour: 6)).ingest(files: [scratch], account: nil)
            if week % 8 == 7 { print("  week \(week + 1) ingested") }
        }
        _ = try Ledger(path: path, clock: at(days + 9, hour: 7)).autoLink(actor: MappingActor("bench"))
    }

    static func shortId(_ ad: Int) -> String { String(format: "%08x", UInt32(truncatingIfNeeded: ad &* 2_654_435_761)) }

    /// One Meta-shaped daily ad row; a later `revision` reports more conversions.
    static func row(ad: Int, day: Int, date: String, revision: Int) -> String {
        let seed = UInt64(ad &* 7919 &+ day &* 104_729)
        let account = ad % 3
        let impressions = 500 + Int(seed % 9000)
        let clicks = 5 + Int(seed % 180)
        let spend =
            account == 2
            ? Double(impressions * (6 + Int(seed % 12))) / 7 : Double(impressions) / 1000 * (6 + Double(seed % 12))
        let purchases = Int(seed % 7) + revision
        let value = account == 2 ? "\(purchases * 6100)" : "\(purchases * 41).50"
        return """
            {"account_id":"\(account + 1)","account_currency":"\(account == 2 ? "JPY" : "USD")",\
            "campaign_id":"238\(ad / 50)","campaign_name":"Campaign \(ad / 50)","adset_id":"239\(ad / 10)",\
            "adset_name":"Adset \(ad / 10)","ad_id":"\(9_000_000 + ad)","ad_name":"WP | C\(ad % 9) | \(shortId(ad))-WP-C\(ad % 9)-SQ.png",\
            "date_start":"\(date)","date_stop":"\(date)","impressions":"\(impressions)","clicks":"\(clicks)",\
            "spend":"\(account == 2 ? String(Int(spend)) : String(format: "%.2f", spend))",\
            "outbound_clicks":[{"action_type":"outbound_click","value":"\(clicks - 2)"}],\
            "actions":[{"action_type":"link_click","value":"\(clicks - 2)"},\
            {"action_type":"add_to_cart","value":"\(purchases + 2)"},{"action_type":"omni_purchase","value":"\(purchases)"}],\
            "action_values":[{"action_type":"omni_purchase","value":"\(value)"}],\
            "video_play_actions":[{"action_type":"video_view","value":"\(impressions / 3)"}]}
            """
    }
}
