import Foundation
import Testing

@Suite struct LedgerCommandTests {
    func page(_ purchases: String, date: String = "2025-12-01") -> String {
        """
        {"data":[{"account_id":"42","account_currency":"USD","ad_id":"111","ad_name":"WP d4e5f6a7 test",
        "date_start":"\(date)","date_stop":"\(date)","spend":"10.50","impressions":"1000","clicks":"20",
        "actions":[{"action_type":"omni_purchase","value":"\(purchases)"}]}]}
        """
    }

    @Test func ingestQueryHistoryAsOfRebuildVerify() throws {
        let bin = try AdledgerBinary()
        let first = try bin.write("first.json", page("2"))
        let second = try bin.write("second.json", page("5"))
        #expect(try bin.run(["--db", "l.sqlite", "init"]).status == 0)
        let ingest = try bin.run(["--db", "l.sqlite", "ingest", first], extraEnvironment: ["ADLEDGER_NOW": "2025-12-15T06:00:00Z"])
        #expect(ingest.status == 0, "\(ingest.stderr)")
        #expect(ingest.stdout.contains("1 new"))
        let again = try bin.run(["ingest", first, "--db", "l.sqlite"], extraEnvironment: ["ADLEDGER_NOW": "2025-12-15T07:00:00Z"])
        #expect(again.stdout.contains("1 unchanged"))
        _ = try bin.run(["--db", "l.sqlite", "ingest", second], extraEnvironment: ["ADLEDGER_NOW": "2025-12-16T06:00:00Z"])

        let now = try bin.run(["--db", "l.sqlite", "query", "SELECT meta_ad_id, purchases, revisions, spend FROM meta_ads_performance", "--format", "json"])
        let rows = try AdledgerBinary.json(now.stdout)
        #expect(rows.count == 1)
        #expect(rows.first?["meta_ad_id"] as? String == "111")
        #expect(rows.first?["purchases"] as? Int == 5)
        #expect(rows.first?["revisions"] as? Int == 2)
        #expect(rows.first?["spend"] as? Double == 10.5)

        let asOf = try bin.run([
            "--db", "l.sqlite", "query", "SELECT purchases, revisions FROM meta_ads_performance", "--format", "csv",
            "--as-of", "2025-12-15T12:00:00Z",
        ])
        #expect(asOf.stdout == "purchases,revisions\n2,1\n")

        let history = try bin.run(["--db", "l.sqlite", "history", "111", "--format", "csv"])
        #expect(history.status == 0)
        let lines = history.stdout.split(separator: "\n")
        #expect(lines.count == 3)
        #expect(lines[2].contains("purchases"))

        let events = try bin.run(["--db", "l.sqlite", "events", "--kind", "insight.fetched", "--format", "json"])
        #expect(try AdledgerBinary.json(events.stdout).count == 2)

        let dry = try bin.run(["--db", "l.sqlite", "rebuild", "--dry-run"])
        #expect(dry.stdout.contains("meta_ads_performance: no changes"))
        let before = try bin.run(["--db", "l.sqlite", "query", "SELECT * FROM meta_ads_performance", "--format", "csv"]).stdout
        #expect(try bin.run(["--db", "l.sqlite", "rebuild"]).status == 0)
        let after = try bin.run(["--db", "l.sqlite", "query", "SELECT * FROM meta_ads_performance", "--format", "csv"]).stdout
        #expect(before == after)
        let verify = try bin.run(["--db", "l.sqlite", "verify"])
        #expect(verify.status == 0)
        #expect(verify.stdout.hasPrefix("ok:"))
    }

    @Test func badInputGivesOneLineOnStderrAndANonZeroExit() throws {
        let bin = try AdledgerBinary()
        let cases: [([String], String)] = [
            (["ingest", try bin.write("broken.json", "{\"data\": [")], "invalid JSON"),
            (["ingest", try bin.write("noad.json", "{\"data\":[{\"account_id\":\"1\",\"date_start\":\"2025-12-01\"}]}")], "ad_id"),
            (["brand", "link", "WP", "acct-12"], "invalid ad account id"),
            (["query", "DELETE FROM events"], "cannot be changed"),
            (["query", "SELECT nope FROM meta_ads_performance"], "no such column"),
            (["query", "SELECT 1", "--as-of", "last tuesday"], "cannot read time"),
            (["query", "SELECT 1", "--as-of", "2025-02-30"], "cannot read time \"2025-02-30\""),
            (["report", "--as-of", "2025-12-01T25:00:00Z"], "cannot read time \"2025-12-01T25:00:00Z\""),
            (["query", "SELECT 1", "--as-of", "2025-04-31T10:00:00Z"], "cannot read time \"2025-04-31T10:00:00Z\""),
            (["history", "999"], "not found"),
        ]
        _ = try bin.run(["--db", "l.sqlite", "init"])
        for (arguments, expected) in cases {
            let result = try bin.run(["--db", "l.sqlite"] + arguments)
            #expect(result.status != 0, "\(arguments)")
            #expect(result.stderr.contains(expected), "\(arguments): \(result.stderr)")
            #expect(result.stderr.split(separator: "\n").count == 1, "\(arguments): \(result.stderr)")
        }
        let count = try bin.run(["--db", "l.sqlite", "query", "SELECT count(*) AS n FROM events WHERE kind = 'insight.fetched'", "--format", "csv"])
        #expect(count.stdout == "n\n0\n")
        // A database another program wrote.
        let foreign = bin.path("other.sqlite")
        let sqlite = Process()
        sqlite.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        sqlite.arguments = ["python3", "-c", "import sqlite3; c = sqlite3.connect('\(foreign)'); c.execute('create table t(x)'); c.commit()"]
        try sqlite.run()
        sqlite.waitUntilExit()
        let refused = try bin.run(["--db", foreign, "status"])
        #expect(refused.status != 0)
        #expect(refused.stderr.contains("not an adledger ledger"))
        let missing = try bin.run(["--db", "missing.sqlite", "query", "SELECT 1"])
        #expect(missing.stderr.contains("adledger init"))
    }

    @Test func verifyFailsNamingTheSeqAfterATamperedByte() throws {
        let bin = try AdledgerBinary()
        _ = try bin.run(["--db", "l.sqlite", "ingest", try bin.write("p.json", page("2"))])
        #expect(try bin.run(["--db", "l.sqlite", "verify"]).status == 0)
        let url = URL(fileURLWithPath: bin.path("l.sqlite"))
        var bytes = [UInt8](try Data(contentsOf: url))
        let needle = Array("\"spend\":\"10.50\"".utf8)
        let index = try #require(bytes.indices.first { bytes[$0...].starts(with: needle) })
        bytes[index + 12] = UInt8(ascii: "9")
        try Data(bytes).write(to: url)
        let result = try bin.run(["--db", "l.sqlite", "verify"])
        #expect(result.status != 0)
        #expect(result.stderr.contains("event seq 2"), "\(result.stderr)")
    }

    @Test func demoBuildsALedgerThatVerifies() throws {
        let bin = try AdledgerBinary()
        let demo = try bin.run(["demo"])
        #expect(demo.status == 0, "\(demo.stderr)")
        #expect(demo.stdout.contains("Try:"))
        #expect(try bin.run(["--db", "adledger-demo.sqlite", "verify"]).status == 0)
        // The second recorded sync finds Meta restated every row from 2025-12-10 of the USD account (24 ads ×
        // 5 days) and from 2025-12-11 of the JPY account (16 ads × 4 days).
        let restated = try bin.run([
            "--db", "adledger-demo.sqlite", "query",
            "SELECT meta_ad_account_id AS a, min(date) AS since, count(*) AS n FROM meta_ads_performance WHERE revisions > 1 GROUP BY a ORDER BY a",
            "--format", "csv",
        ])
        #expect(restated.stdout == "a,since,n\nact_1000000001,2025-12-10,120\nact_1000000002,2025-12-11,64\n")
        let currencies = try bin.run([
            "--db", "adledger-demo.sqlite", "query", "SELECT DISTINCT currency FROM meta_ads_performance ORDER BY 1", "--format", "csv",
        ])
        #expect(currencies.stdout == "currency\nJPY\nUSD\n")
        // The demo can run again: it replaces its own default file.
        #expect(try bin.run(["demo"]).status == 0)
    }
}
