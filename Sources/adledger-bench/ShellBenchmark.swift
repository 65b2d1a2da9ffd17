import Foundation
import Ledger

/// The shell against `sqlite3` on the same file: start-up (`-c` of a trivial dot-command) and rendering
/// 100,000 rows in table and csv modes, best of 5 wall-clock runs each, output to /dev/null.
enum ShellBenchmark {
    static func run(_ arguments: [String]) throws {
        let rows = arguments.first.flatMap { Int($0) } ?? 100_000
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("adledger-shellbench-\(getpid())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        var lines = ""
        for i in 0..<rows {
            lines += "{\"account_id\":\"42\",\"ad_id\":\"\(1_000_000 + i / 30)\",\"ad_name\":\"Ad \(i / 30) 日本\",\"date_start\":\"2025-\(String(format: "%02d-%02d", 1 + (i % 30) / 28, 1 + i % 28))\",\"spend\":\"\(i % 977).\(i % 100)\",\"impressions\":\"\(i * 7 % 10007)\"}\n"
        }
        let input = directory.appendingPathComponent("rows.jsonl").path
        try lines.write(toFile: input, atomically: false, encoding: .utf8)
        let path = directory.appendingPathComponent("shell.sqlite").path
        _ = try Ledger(path: path).ingest(files: [input], account: nil)
        let adledger = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("adledger").path
        let sql = "SELECT meta_ad_id, ad_name, date, spend, impressions FROM meta_ads_performance"
        let cases: [(String, [String], [String])] = [
            ("start-up", [adledger, "--db", path, "shell", "-c", ".mode table"], ["/usr/bin/sqlite3", path, ".mode table"]),
            ("\(rows) rows, table", [adledger, "--db", path, "shell", "-c", sql], ["/usr/bin/sqlite3", "-column", "-header", path, sql]),
            ("\(rows) rows, csv", [adledger, "--db", path, "shell", "-c", ".mode csv\n" + sql], ["/usr/bin/sqlite3", "-csv", "-header", path, sql]),
        ]
        print("case                   adledger   sqlite3   ratio")
        for (name, ours, theirs) in cases {
            let a = try best(ours)
            let b = try best(theirs)
            print(String(format: "%-20@ %8.1f ms %7.1f ms %6.2f×", name, a * 1000, b * 1000, a / b))
        }
    }

    static func best(_ argv: [String], runs: Int = 5) throws -> Double {
        var best = Double.infinity
        for _ in 0..<runs { best = min(best, try Spawn.measure(argv).seconds) }
        return best
    }
}
