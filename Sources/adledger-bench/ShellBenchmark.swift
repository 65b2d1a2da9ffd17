import Foundation
import Ledger
import Shell
import Sync

/// `query` and `shell -c` against `sqlite3` on the same file: start-up (`-c` of a trivial dot-command) and
/// rendering N rows × 11 columns of `meta_ads_performance` in table, csv, json and markdown modes (`sqlite3
/// -box`, `-csv`, `-json`, `-markdown`), output to /dev/null. Each case is the best wall time of 5 runs and
/// the largest peak RSS among them.
///
///     adledger-bench shell [N] [--db LEDGER] [--adledger BINARY]
///
/// `--db` keeps the ledger at LEDGER (made there when absent, else reused as it is); `--adledger` measures
/// another build (before/after).
enum ShellBenchmark {
    static let sql = """
        SELECT meta_ad_account_id, meta_ad_id, ad_name, adset_name, campaign_name, date, currency, spend, \
        impressions, reach, clicks FROM meta_ads_performance
        """

    static func run(_ arguments: [String]) throws {
        let rows = arguments.first.flatMap { Int($0) } ?? 100_000
        var adledger = Spawn.beside("adledger")
        var database: String?
        for (flag, value) in zip(arguments, arguments.dropFirst()) {
            if flag == "--db" { database = value }
            if flag == "--adledger" { adledger = value }
        }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("adledger-shellbench-\(getpid())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = database ?? directory.appendingPathComponent("shell.sqlite").path
        if !FileManager.default.fileExists(atPath: path) { try makeLedger(rows: rows, at: path, scratch: directory) }
        let count = try Ledger(path: path).scalarCount("SELECT count(*) FROM meta_ads_performance")
        print("\(count) rows × 11 columns of meta_ads_performance; \(adledger)")
        var cases: [(String, [String], [String])] = [
            (
                "start-up", [adledger, "--db", path, "shell", "-c", ".mode table"],
                ["/usr/bin/sqlite3", path, ".mode box"]
            )
        ]
        let modes: [(ours: String, theirs: String)] = [
            ("table", "-box"), ("csv", "-csv"), ("json", "-json"), ("markdown", "-markdown"),
        ]
        for (ours, theirs) in modes {
            let sqlite = ["/usr/bin/sqlite3", theirs, "-header", path, sql]
            cases.append(("query \(ours)", [adledger, "--db", path, "query", "--format", ours, sql], sqlite))
            cases.append(
                ("shell -c \(ours)", [adledger, "--db", path, "shell", "-c", ".mode \(ours)\n" + sql], sqlite))
        }
        print("case                 adledger    sqlite3   ratio   adledger    sqlite3   ratio")
        for (name, ours, theirs) in cases {
            let a = try best(ours)
            let b = try best(theirs)
            let figures = String(
                format: "%8.1f ms %7.1f ms %6.2f× %6.1f MiB %6.1f MiB %6.2f×", a.seconds * 1000, b.seconds * 1000,
                a.seconds / b.seconds, a.peakMiB, b.peakMiB, a.peakMiB / b.peakMiB)
            print(name.padding(toLength: 18, withPad: " ", startingAt: 0) + figures)
        }
    }

    /// `render FORMAT LEDGER`: ``sql`` rendered in this process to stdout, as `adledger query` renders it.
    /// For `valgrind --tool=callgrind`, which cannot run `adledger` itself: its async main parks the main
    /// thread in libdispatch, where valgrind 3.19 crashes.
    static func render(_ arguments: [String]) throws {
        guard arguments.count == 2, let format = ResultFormat(rawValue: arguments[0]) else {
            print("usage: adledger-bench render table|csv|json|markdown|line LEDGER")
            return
        }
        let output = FileDescriptorWriter(descriptor: 1, owns: false)
        var renderer = ResultRenderer(format: format, bytes: output.write(bytes:))
        try renderer.render(sql, on: try LedgerReader(path: arguments[1]))
        output.flush()
    }

    /// A ledger of `rows` insight rows (30 days per ad; Japanese in names, as real accounts have).
    static func makeLedger(rows: Int, at path: String, scratch directory: URL) throws {
        var lines = ""
        for i in 0..<rows {
            let ad = i / 30
            let date = String(format: "2025-%02d-%02d", 1 + (i % 30) / 28, 1 + i % 28)
            lines += """
                {"account_id":"42","account_currency":"JPY","ad_id":"\(1_000_000 + ad)","ad_name":"Ad \(ad) 日本",\
                "adset_id":"\(2_000_000 + ad / 10)","adset_name":"Set \(ad / 10) spring","campaign_id":"\(3_000_000 + ad / 100)",\
                "campaign_name":"Campaign \(ad / 100)","date_start":"\(date)","spend":"\(i % 977).\(i % 100)",\
                "impressions":"\(i * 7 % 10007)","reach":"\(i * 5 % 9001)","clicks":"\(i % 131)"}

                """
        }
        let input = directory.appendingPathComponent("rows.jsonl").path
        try lines.write(toFile: input, atomically: false, encoding: .utf8)
        _ = try Ledger(path: path).ingest(files: [input], account: nil)
    }

    /// The best wall time of `runs` runs of `argv` (stdout and stdin on /dev/null) and the largest peak RSS.
    static func best(_ argv: [String], runs: Int = 5) throws -> (seconds: Double, peakMiB: Double) {
        var best = Double.infinity
        var peak = 0.0
        for _ in 0..<runs {
            let run = try Spawn.measure(argv)
            best = min(best, run.seconds)
            peak = max(peak, run.peakMegabytes)
        }
        return (best, peak)
    }
}

extension Ledger {
    /// The integer a one-value query returns (0 when none).
    fileprivate func scalarCount(_ sql: String) throws -> Int64 {
        var count: Int64 = 0
        try query(sql, columns: { _ in }, row: { count = $0.first?.integer ?? 0 })
        return count
    }
}
