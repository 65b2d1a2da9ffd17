import Foundation
import TestSupport
import Testing

/// `export events` and `export table` through the built binary, checked the way a warehouse would read them:
/// the chain re-derived in Python, the files loaded into DuckDB.
@Suite struct ExportCommandTests {
    /// A ledger `l.sqlite` synced from the stand-in (two accounts, 2025-12-01…07).
    func syncedLedger() throws -> (AdledgerBinary, GraphStandIn) {
        let sync = SyncCommandTests()
        let server = try sync.standIn()
        var bin = try AdledgerBinary()
        bin.environment.merge(sync.environment(server)) { $1 }
        let result = try bin.run(syncArguments)
        try #require(result.status == 0, "\(result.stderr)")
        return (bin, server)
    }

    let syncArguments = [
        "--db", "l.sqlite", "sync", "--timeout", "2", "--account", "act_1001", "--account", "act_1002", "--since",
        "2025-12-01", "--until", "2025-12-07",
    ]

    func scalar(_ bin: AdledgerBinary, _ sql: String) throws -> String {
        let result = try bin.run(["--db", "l.sqlite", "query", sql, "--format", "csv"])
        try #require(result.status == 0, "\(result.stderr)")
        return String(result.stdout.split(separator: "\n").last ?? "")
    }

    /// The seqs in the export files `names` (plain or gzip), in file order, read by Python.
    func seqs(_ bin: AdledgerBinary, _ names: [String]) throws -> [Int] {
        let script = """
            import gzip, json, sys
            for path in sys.argv[1:]:
                opener = gzip.open if path.endswith('.gz') else open
                with opener(path, 'rt', encoding='utf-8') as f:
                    for line in f: print(json.loads(line)['seq'])
            """
        let result = try Python.run(script, arguments: names, in: bin.directory)
        try #require(result.status == 0, "\(result.stderr)")
        return result.stdout.split(separator: "\n").compactMap { Int($0) }
    }

    /// Export files in `folder` that a loader globbing `events-*` sees, sorted by name (= by seq).
    func exportFiles(_ bin: AdledgerBinary, _ folder: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: bin.path(folder)).filter { $0.hasPrefix("events-") }
            .sorted()
            .map { "\(folder)/\($0)" }
    }

    @Test func everyLineReDerivesTheHashChainInPython() throws {
        let (bin, server) = try syncedLedger()
        defer { server.stop() }
        let count = try scalar(bin, "SELECT count(*) FROM events")
        let plain = try bin.run(["--db", "l.sqlite", "export", "events", "--output", "events.ndjson"])
        #expect(plain.status == 0, "\(plain.stderr)")
        #expect(plain.stdout == "exported \(count) events (after seq 0 through \(count)) to events.ndjson\n")
        let text = try String(contentsOfFile: bin.path("events.ndjson"), encoding: .utf8)
        let first = try #require(
            try JSONSerialization.jsonObject(with: Data(text.prefix { $0 != "\n" }.utf8)) as? [String: Any])
        #expect(
            Set(first.keys) == [
                "seq", "kind", "stream", "version", "recorded_at", "schema_version", "payload_hash", "payload", "meta",
                "prev_hash", "hash",
            ])
        #expect(first["seq"] as? Int == 1)
        #expect(first["prev_hash"] as? String == String(repeating: "0", count: 64))
        // Standard output gives the same bytes; gzip the same lines.
        let stdout = try bin.run(["--db", "l.sqlite", "export", "events"])
        #expect(stdout.stdout == text)
        let gzip = try bin.run(["--db", "l.sqlite", "export", "events", "--gzip", "--output", "events.ndjson.gz"])
        #expect(gzip.status == 0, "\(gzip.stderr)")

        for file in ["events.ndjson", "events.ndjson.gz"] {
            let check = try Python.runScript("verify-export-chain.py", arguments: [file], in: bin.directory)
            #expect(check.status == 0, "\(check.stdout) \(check.stderr)")
            #expect(check.stdout == "ok: \(count) events, seq 1..\(count), 0 payloads upcast from an older schema\n")
        }
        let stored = try scalar(bin, "SELECT lower(hex(hash)) FROM events ORDER BY seq DESC LIMIT 1")
        #expect(text.split(separator: "\n").last?.contains("\"hash\":\"\(stored)\"") == true)

        // The checker can fail: one changed field breaks that line's hash.
        var lines = text.split(separator: "\n").map(String.init)
        lines[4] = lines[4].replacingOccurrences(of: "\"recorded_at\":\"2025", with: "\"recorded_at\":\"2024")
        _ = try bin.write("tampered.ndjson", lines.joined(separator: "\n") + "\n")
        let tampered = try Python.runScript("verify-export-chain.py", arguments: ["tampered.ndjson"], in: bin.directory)
        #expect(tampered.status == 1)
        #expect(tampered.stdout == "seq 5: hash does not match its fields\n")
    }

    @Test func duckDBTotalsPerAccountAndDayMatchQuery() throws {
        try Python.requireDuckDB()
        let (bin, server) = try syncedLedger()
        defer { server.stop() }
        for arguments in [
            ["events", "--gzip", "--output", "events.ndjson.gz"],
            ["table", "meta_ads_performance", "--format", "jsonl", "--output", "performance.jsonl"],
            ["table", "meta_ads_performance", "--format", "csv", "--output", "performance.csv"],
        ] {
            let result = try bin.run(["--db", "l.sqlite", "export"] + arguments)
            try #require(result.status == 0, "\(result.stderr)")
        }
        // The same SQL as docs/WAREHOUSE.md: the latest version of each ad-day from the events, and the table.
        let script = """
            import duckdb
            db = duckdb.connect()
            db.execute("CREATE TABLE events AS SELECT * FROM read_json('events.ndjson.gz', format = 'newline_delimited', columns = {seq: 'BIGINT', kind: 'VARCHAR', stream: 'VARCHAR', version: 'BIGINT', recorded_at: 'TIMESTAMPTZ', schema_version: 'INTEGER', payload_hash: 'VARCHAR', payload: 'JSON', meta: 'JSON', prev_hash: 'VARCHAR', hash: 'VARCHAR'})")
            db.execute("CREATE TABLE performance_jsonl AS SELECT * FROM read_json_auto('performance.jsonl')")
            db.execute("CREATE TABLE performance_csv AS SELECT * FROM read_csv_auto('performance.csv')")
            queries = {
                'events': \"\"\"
                    SELECT payload->>'$.account_id' AS account, payload->>'$.row.date_start' AS day,
                           sum(CAST(payload->>'$.row.spend' AS DECIMAL(18, 2))) AS spend, count(*) AS ads
                    FROM (SELECT * FROM events WHERE kind = 'insight.fetched'
                          QUALIFY row_number() OVER (PARTITION BY stream ORDER BY version DESC) = 1)
                    GROUP BY ALL\"\"\",
                'jsonl': "SELECT meta_ad_account_id, CAST(date AS VARCHAR), sum(CAST(spend AS DECIMAL(18, 2))), count(*) FROM performance_jsonl GROUP BY ALL",
                'csv': "SELECT meta_ad_account_id, CAST(date AS VARCHAR), sum(CAST(spend AS DECIMAL(18, 2))), count(*) FROM performance_csv GROUP BY ALL",
            }
            for name, sql in queries.items():
                for account, day, spend, ads in db.execute(f'SELECT * FROM ({sql}) ORDER BY 1, 2').fetchall():
                    print(f'{name},{account},{day},{spend:.2f},{ads}')
            """
        let duck = try Python.run(script, in: bin.directory)
        try #require(duck.status == 0, "\(duck.stderr)")
        let query = try bin.run([
            "--db", "l.sqlite", "query",
            "SELECT meta_ad_account_id, date, printf('%.2f', sum(spend)), count(*) FROM meta_ads_performance GROUP BY 1, 2 ORDER BY 1, 2",
            "--format", "csv",
        ])
        let expected = query.stdout.split(separator: "\n").dropFirst().map(String.init)
        #expect(expected.count == 14)  // two accounts × seven days
        var bySource: [String: [String]] = [:]
        for line in duck.stdout.split(separator: "\n") {
            let parts = line.split(separator: ",", maxSplits: 1)
            bySource[String(parts[0]), default: []].append(String(parts[1]))
        }
        // Events carry Meta's account id as sent; the table carries act_<digits>.
        let events = bySource["events"]?.map { $0.hasPrefix("act_") ? $0 : "act_" + $0 }
        #expect(events == expected)
        #expect(bySource["jsonl"] == expected)
        #expect(bySource["csv"] == expected)
    }

    @Test func incrementalExportAfterASecondSyncAddsExactlyTheNewEvents() throws {
        let (bin, server) = try syncedLedger()
        defer { server.stop() }
        try FileManager.default.createDirectory(atPath: bin.path("out"), withIntermediateDirectories: true)
        let export = ["--db", "l.sqlite", "export", "events", "--state", "export.state", "--output", "out"]
        let first = try bin.run(export)
        #expect(first.status == 0, "\(first.stderr)")
        let firstLast = try #require(Int(try scalar(bin, "SELECT max(seq) FROM events")))
        #expect(
            try exportFiles(bin, "out") == ["out/events-all-000000000001-\(String(format: "%012d", firstLast)).ndjson"])

        server.restate(accountId: "1001", from: "2025-12-05", revision: 1)
        let again = try bin.run(syncArguments)
        try #require(again.status == 0, "\(again.stderr)")
        let secondLast = try #require(Int(try scalar(bin, "SELECT max(seq) FROM events")))
        #expect(secondLast > firstLast)
        let second = try bin.run(export)
        #expect(second.status == 0, "\(second.stderr)")
        #expect(
            second.stdout.hasPrefix(
                "exported \(secondLast - firstLast) events (after seq \(firstLast) through \(secondLast))"))
        let files = try exportFiles(bin, "out")
        try #require(files.count == 2)
        #expect(try seqs(bin, [files[1]]) == Array((firstLast + 1)...secondLast))
        #expect(try seqs(bin, files) == Array(1...secondLast))

        // Nothing new: no file, and the cursor stays.
        let third = try bin.run(export)
        #expect(third.status == 0, "\(third.stderr)")
        #expect(third.stdout == "exported 0 events\n")
        #expect(try exportFiles(bin, "out").count == 2)
        // A cursor for every kind is not one for insight.fetched.
        let otherKind = try bin.run(export + ["--kind", "insight.fetched"])
        #expect(otherKind.status != 0)
        #expect(otherKind.stderr.contains("is the cursor of an export of every kind"), "\(otherKind.stderr)")
    }

    /// A ledger of `ads` × `days` insight rows for one account, ingested from generated Graph pages.
    func bigLedger(_ bin: AdledgerBinary, ads: Int, days: Int) throws {
        let standIn = GraphStandIn(
            token: "unused",
            accounts: [StandInAccount(id: "3001", name: "Big US", adCount: ads, firstDay: "2025-10-01", dayCount: days)]
        )
        let rows = standIn.insightRows(accountId: "3001", since: "2025-10-01", until: "2025-12-31")
        var lines = ""
        for page in stride(from: 0, to: rows.count, by: 500) {
            lines +=
                "{\"data\":["
                + rows[page..<min(rows.count, page + 500)].map { $0.json(fields: nil) }.joined(separator: ",") + "]}\n"
        }
        let file = try bin.write("big.jsonl", lines)
        let ingest = try bin.run(["--db", "l.sqlite", "ingest", file, "--account", "act_3001"])
        try #require(ingest.status == 0, "\(ingest.stderr)")
    }

    @Test func aKilledExportRunAgainWritesEveryEventExactlyOnce() throws {
        let bin = try AdledgerBinary()
        try bigLedger(bin, ads: 150, days: 40)
        let last = try #require(Int(try scalar(bin, "SELECT max(seq) FROM events")))
        #expect(last > 6_000)
        let started = Date()
        let timing = try bin.run(["--db", "l.sqlite", "export", "events", "--gzip", "--output", "timing.ndjson.gz"])
        try #require(timing.status == 0, "\(timing.stderr)")
        let seconds = Date().timeIntervalSince(started)

        var killedMidRun = 0
        for (trial, fraction) in [0.2, 0.4, 0.6, 0.8, 0.95].enumerated() {
            let folder = "out\(trial)"
            try FileManager.default.createDirectory(atPath: bin.path(folder), withIntermediateDirectories: true)
            let export = [
                "--db", "l.sqlite", "export", "events", "--gzip", "--state", "\(folder).state", "--output", folder,
            ]
            let process = try bin.start(export, label: "killed\(trial)")
            Thread.sleep(forTimeInterval: seconds * fraction)
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            if process.terminationReason == .uncaughtSignal { killedMidRun += 1 }
            let rerun = try bin.run(export)
            #expect(rerun.status == 0, "trial \(trial): \(rerun.stderr)")
            #expect(try seqs(bin, try exportFiles(bin, folder)) == Array(1...last), "trial \(trial)")
            let leftovers = try FileManager.default.contentsOfDirectory(atPath: bin.path(folder)).filter {
                $0.hasSuffix(".partial")
            }
            #expect(leftovers.isEmpty, "trial \(trial): \(leftovers)")
        }
        #expect(killedMidRun >= 1, "no kill landed while an export ran (\(seconds) s)")
    }

    @Test func badInputIsRefusedWithTheFix() throws {
        let (bin, server) = try syncedLedger()
        defer { server.stop() }
        let last = try scalar(bin, "SELECT max(seq) FROM events")
        let beyond = try bin.run(["--db", "l.sqlite", "export", "events", "--after-seq", "99999"])
        #expect(beyond.status != 0)
        #expect(
            beyond.stderr.contains("--after-seq 99999 is beyond the end of the log (last seq \(last))"),
            "\(beyond.stderr)")
        #expect(beyond.stdout.isEmpty)

        _ = try bin.write("damaged.state", "{\"adledger_export_state\":1,\"after_seq\":")
        let damaged = try bin.run([
            "--db", "l.sqlite", "export", "events", "--state", "damaged.state", "--output", "e.ndjson",
        ])
        #expect(damaged.status != 0)
        #expect(damaged.stderr.contains("export state damaged.state is damaged"), "\(damaged.stderr)")
        #expect(!FileManager.default.fileExists(atPath: bin.path("e.ndjson")))

        // A cursor written by another ledger's export.
        let demo = try bin.run(["demo"])
        try #require(demo.status == 0, "\(demo.stderr)")
        let other = try bin.run([
            "--db", "adledger-demo.sqlite", "export", "events", "--state", "demo.state", "--output", "demo.ndjson",
        ])
        try #require(other.status == 0, "\(other.stderr)")
        let foreign = try bin.run([
            "--db", "l.sqlite", "export", "events", "--state", "demo.state", "--output", "e.ndjson",
        ])
        #expect(foreign.status != 0)
        #expect(foreign.stderr.contains("belongs to another ledger"), "\(foreign.stderr)")

        let unknown = try bin.run(["--db", "l.sqlite", "export", "table", "nope", "--format", "csv"])
        #expect(unknown.status != 0)
        #expect(unknown.stderr.contains("no table or view named nope; export one of: "), "\(unknown.stderr)")
        #expect(unknown.stderr.contains("creative_performance") && unknown.stderr.contains("meta_ads_performance"))

        let noOutput = try bin.run(["--db", "l.sqlite", "export", "events", "--state", "s.state"])
        #expect(noOutput.status != 0)
        #expect(noOutput.stderr.contains("--state needs --output"), "\(noOutput.stderr)")
        let both = try bin.run([
            "--db", "l.sqlite", "export", "events", "--state", "s", "--after-seq", "1", "--output", "x",
        ])
        #expect(both.stderr.contains("use --after-seq or --state, not both"), "\(both.stderr)")
    }

    @Test func tableExportGivesTheRowsQueryGives() throws {
        let (bin, server) = try syncedLedger()
        defer { server.stop() }
        server.restate(accountId: "1001", from: "2025-12-05", revision: 1)
        let again = try bin.run(syncArguments)
        try #require(again.status == 0, "\(again.stderr)")
        // Now, and as of before the restatement (the first sync's clock).
        for asOf in [[], ["--as-of", "2025-12-08T12:00:00Z"]] {
            let query = try bin.run(
                ["--db", "l.sqlite", "query", "SELECT * FROM meta_ads_performance", "--format", "csv"] + asOf)
            let export = try bin.run(
                ["--db", "l.sqlite", "export", "table", "meta_ads_performance", "--format", "csv"] + asOf)
            #expect(export.status == 0, "\(export.stderr)")
            #expect(export.stdout == query.stdout)
            #expect(query.stdout.split(separator: "\n").count == 1 + 7 * 50)
        }
        let jsonl = try bin.run([
            "--db", "l.sqlite", "export", "table", "creative_performance", "--format", "jsonl", "--output", "c.jsonl",
        ])
        #expect(jsonl.status == 0, "\(jsonl.stderr)")
        let rows = try scalar(bin, "SELECT count(*) FROM creative_performance")
        #expect(jsonl.stdout == "exported \(rows) rows of creative_performance to c.jsonl\n")
    }
}
