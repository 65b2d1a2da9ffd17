import Foundation
import Testing

/// `status`, `verify` and `rebuild [--dry-run]` with `--format json`: one object with the README's keys.
@Suite struct SummaryFormatTests {
    func object(_ text: String) throws -> [String: Any] {
        try #require(
            try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any], "not a JSON object: \(text)")
    }

    /// A demo ledger, `adledger-demo.sqlite` in the binary's directory.
    func demo() throws -> AdledgerBinary {
        let bin = try AdledgerBinary()
        let demo = try bin.run(["demo"])
        try #require(demo.status == 0, "\(demo.stderr)")
        return bin
    }

    /// Changes one live projection row behind the ledger's back, as another program could.
    func damageOneSpend(_ bin: AdledgerBinary) throws {
        let python = Process()
        python.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        python.arguments = [
            "python3", "-c",
            "import sqlite3; c = sqlite3.connect('\(bin.path("adledger-demo.sqlite"))'); "
                + "c.execute('UPDATE meta_ads_performance SET spend = coalesce(spend, 0) + 1 WHERE rowid = (SELECT min(rowid) FROM meta_ads_performance)'); c.commit()",
        ]
        try python.run()
        python.waitUntilExit()
        try #require(python.terminationStatus == 0)
    }

    @Test func statusAsJSONCountsTheEventsAndNamesTheSyncs() throws {
        let bin = try demo()
        let result = try bin.run(["--db", "adledger-demo.sqlite", "status", "--format", "json"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.split(separator: "\n").count == 1)
        let status = try object(result.stdout)
        #expect((status["ledger"] as? String)?.hasSuffix("adledger-demo.sqlite") == true)
        #expect(status["schema_version"] as? Int ?? 0 > 0)
        let events = try #require(status["events"] as? Int)
        #expect(events > 0)
        #expect(status["last_seq"] as? Int == events)
        #expect(status["payloads"] as? Int ?? 0 > 0)
        let kinds = try #require(status["events_by_kind"] as? [String: Int])
        #expect(kinds.values.reduce(0, +) == events)
        #expect(kinds["sync.finished"] == 2)
        #expect(kinds["brand.account_linked"] == 2)
        #expect(status["last_event_at"] as? String == "2025-12-16T06:05:00.000Z")
        #expect(status["normalizer_version"] as? Int ?? 0 > 0)
        let projections = try #require(status["projections"] as? [[String: Any]])
        let performance = try #require(projections.first { $0["table"] as? String == "meta_ads_performance" })
        #expect(performance["last_seq"] as? Int == events)
        #expect(performance["up_to_date"] as? Bool == true)
        #expect(performance["normalizer_version"] as? Int == status["normalizer_version"] as? Int)
        let syncs = try #require(status["syncs"] as? [[String: Any]])
        #expect(syncs.map { $0["finished_at"] as? String } == ["2025-12-16T06:00:00.000Z", "2025-12-15T06:00:00.000Z"])
        #expect(syncs.allSatisfy { $0["source"] as? String == "sync" && $0["outcome"] as? String == "ok" })
        // The default stays text.
        let text = try bin.run(["--db", "adledger-demo.sqlite", "status"])
        #expect(text.stdout.hasPrefix("ledger "))
        #expect(text.stdout.contains("last sync "))
    }

    @Test func statusOfANewLedgerHasNoEventsAndNoLastEvent() throws {
        let bin = try AdledgerBinary()
        _ = try bin.run(["--db", "l.sqlite", "init"])
        let status = try object(try bin.run(["--db", "l.sqlite", "status", "--format", "json"]).stdout)
        #expect(status["events"] as? Int == 0)
        #expect(status["last_seq"] as? Int == 0)
        #expect(status["events_by_kind"] as? [String: Int] == [:])
        #expect(status["last_event_at"] == nil)
        #expect((status["syncs"] as? [Any])?.isEmpty == true)
    }

    @Test func verifyAsJSONReportsOkAndFailsWithTheProblems() throws {
        let bin = try demo()
        let good = try bin.run(["--db", "adledger-demo.sqlite", "verify", "--format", "json"])
        #expect(good.status == 0, "\(good.stderr)")
        let ok = try object(good.stdout)
        #expect(ok["ok"] as? Bool == true)
        #expect(ok["events"] as? Int ?? 0 > 0)
        #expect(ok["payloads"] as? Int ?? 0 > 0)
        #expect((ok["problems"] as? [String])?.isEmpty == true)

        try damageOneSpend(bin)
        let bad = try bin.run(["--db", "adledger-demo.sqlite", "verify", "--format", "json"])
        #expect(bad.status == 2)
        let failed = try object(bad.stdout)
        #expect(failed["ok"] as? Bool == false)
        let problems = try #require(failed["problems"] as? [String])
        #expect(problems.contains { $0.contains("meta_ads_performance") && $0.contains("spend") }, "\(problems)")
        // Text fails the same way, with the problems on stderr.
        let text = try bin.run(["--db", "adledger-demo.sqlite", "verify"])
        #expect(text.status == 2)
        #expect(text.stdout.isEmpty)
        #expect(text.stderr.contains("verify: projection meta_ads_performance"), "\(text.stderr)")
    }

    @Test func rebuildAsJSONGivesEachProjectionsDifferences() throws {
        let bin = try demo()
        let clean = try object(
            try bin.run(["--db", "adledger-demo.sqlite", "rebuild", "--dry-run", "--format", "json"]).stdout)
        #expect(clean["dry_run"] as? Bool == true)
        #expect(clean["changed"] as? Bool == false)
        #expect(clean["events"] as? Int ?? 0 > 0)
        let tables = try #require(clean["projections"] as? [[String: Any]])
        #expect(tables.count == DemoCommandTests.projections.count)
        #expect(Set(tables.compactMap { $0["table"] as? String }) == Set(DemoCommandTests.projections))
        #expect(
            tables.allSatisfy { $0["added"] as? Int == 0 && $0["removed"] as? Int == 0 && $0["changed"] as? Int == 0 })
        #expect(
            tables.allSatisfy {
                $0["first_difference"] == nil && ($0["changed_columns"] as? [String: Int])?.isEmpty == true
            })

        try damageOneSpend(bin)
        let dry = try object(
            try bin.run(["--db", "adledger-demo.sqlite", "rebuild", "--dry-run", "--format", "json"]).stdout)
        #expect(dry["changed"] as? Bool == true)
        let diffs = try #require(dry["projections"] as? [[String: Any]])
        let performance = try #require(diffs.first { $0["table"] as? String == "meta_ads_performance" })
        #expect(performance["changed"] as? Int == 1)
        #expect(performance["added"] as? Int == 0)
        #expect(performance["changed_columns"] as? [String: Int] == ["spend": 1])
        #expect((performance["first_difference"] as? String)?.contains("spend") == true)
        // The summaries follow the damaged row through their triggers, and the history view reads the current
        // version from it (schema 10), so the log's build differs there too.
        let derived: Set<String> = [
            "meta_ads_performance", "meta_ads_performance_history", "report_ad_buckets", "drift_segments",
        ]
        let history = try #require(diffs.first { $0["table"] as? String == "meta_ads_performance_history" })
        #expect(history["changed"] as? Int == 1)
        #expect(history["changed_columns"] as? [String: Int] == ["spend": 1])
        #expect(diffs.filter { !derived.contains($0["table"] as? String ?? "") }.allSatisfy { $0["changed"] as? Int == 0 })
        let buckets = try #require(diffs.first { $0["table"] as? String == "report_ad_buckets" })
        #expect(buckets["changed_columns"] as? [String: Int] == ["spend_micros": 1])

        let rebuilt = try bin.run(["--db", "adledger-demo.sqlite", "rebuild", "--format", "json"])
        #expect(rebuilt.status == 0, "\(rebuilt.stderr)")
        #expect(try object(rebuilt.stdout)["dry_run"] as? Bool == false)
        let after = try object(try bin.run(["--db", "adledger-demo.sqlite", "verify", "--format", "json"]).stdout)
        #expect(after["ok"] as? Bool == true)
    }
}
