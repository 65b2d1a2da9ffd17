import Foundation
import Normalization
import Sync
import Testing

@testable import Ledger

@Suite struct EventLogTests {
    @Test func reingestingTheSameFileAppendsNoInsightEvents() throws {
        let test = try TestLedger()
        let file = try test.file("page.json", insightPage())
        let first = try test.open(at: "2025-12-15T06:00:00Z").ingest(files: [file], account: nil)
        #expect(first.counts.new == 1)
        let ledger = try test.open(at: "2025-12-16T06:00:00Z")
        let sizes = "SELECT (SELECT count(*) FROM events), (SELECT count(*) FROM payloads)"
        let before = try test.rows(sizes, ledger: ledger)
        let again = try ledger.ingest(files: [file], account: nil)
        #expect(again.counts == { var c = AppendCounts(); c.rows = 1; c.unchanged = 1; return c }())
        #expect(try test.rows("SELECT count(*) FROM events WHERE kind = 'insight.fetched'", ledger: ledger) == [["1"]])
        #expect(try test.rows("SELECT revisions FROM meta_ads_performance", ledger: ledger) == [["1"]])
        // The log grows by the run's own sync.started and sync.finished, not by the re-fetched row.
        #expect(before == [["3", "3"]])
        #expect(try test.rows(sizes, ledger: ledger) == [["5", "5"]])
    }

    @Test func aRestatedDayAppendsAVersionAndClosesTheOldHistoryRow() throws {
        let test = try TestLedger()
        _ = try test.open(at: "2025-12-15T06:00:00Z").ingest(files: [try test.file("a.json", insightPage())], account: nil)
        let ledger = try test.open(at: "2025-12-16T06:00:00Z")
        let summary = try ledger.ingest(files: [try test.file("b.json", insightPage(purchases: "3"))], account: nil)
        #expect(summary.counts.changed == 1)
        #expect(
            try test.rows("SELECT purchases, revisions, first_fetched_at, fetched_at FROM meta_ads_performance", ledger: ledger)
                == [["3", "2", "2025-12-15T06:00:00.000Z", "2025-12-16T06:00:00.000Z"]])
        #expect(
            try test.rows("SELECT purchases, valid_from, valid_to FROM meta_ads_performance_history ORDER BY seq", ledger: ledger)
                == [
                    ["2", "2025-12-15T06:00:00.000Z", "2025-12-16T06:00:00.000Z"],
                    ["3", "2025-12-16T06:00:00.000Z", ""],
                ])
        let versions = try test.rows(
            "SELECT stream, version FROM events WHERE kind = 'insight.fetched' ORDER BY seq", ledger: ledger)
        #expect(versions == [["ad:111:2025-12-01", "1"], ["ad:111:2025-12-01", "2"]])
    }

    @Test func asOfAnswersWithTheEarlierVersion() throws {
        let test = try TestLedger()
        _ = try test.open(at: "2025-12-15T06:00:00Z").ingest(files: [try test.file("a.json", insightPage())], account: nil)
        _ = try test.open(at: "2025-12-16T06:00:00Z").ingest(
            files: [try test.file("b.json", insightPage(purchases: "3"))], account: nil)
        let ledger = try test.reader()
        let sql = "SELECT purchases, revisions FROM meta_ads_performance WHERE meta_ad_id = '111'"
        #expect(try test.rows(sql, ledger: ledger) == [["3", "2"]])
        try ledger.setAsOf("2025-12-15T12:00:00Z")
        #expect(try test.rows(sql, ledger: ledger) == [["2", "1"]])
        try ledger.setAsOf("2025-12-15 12:00:00")
        #expect(try test.rows(sql, ledger: ledger) == [["2", "1"]])
        try ledger.setAsOf("2025-12-15T13:00:00+02:00")
        #expect(try test.rows(sql, ledger: ledger) == [["2", "1"]])
        try ledger.setAsOf("2025-12-14")
        #expect(try test.rows(sql, ledger: ledger).isEmpty)
        try ledger.setAsOf("2025-12-16")
        #expect(try test.rows(sql, ledger: ledger) == [["3", "2"]])
        try ledger.setAsOf(nil)
        #expect(try test.rows(sql, ledger: ledger) == [["3", "2"]])
        #expect(throws: LedgerError.self) { try ledger.setAsOf("yesterday") }
    }

    @Test func eventsAndPayloadsCannotBeChanged() throws {
        let test = try TestLedger()
        let ledger = try test.open()
        _ = try ledger.ingest(files: [try test.file("a.json", insightPage())], account: nil)
        for sql in [
            "UPDATE events SET kind = 'x'", "DELETE FROM events", "UPDATE payloads SET body = x'00'",
            "DELETE FROM payloads",
        ] {
            let error = try #require(throws: LedgerError.self) { try ledger.connection.execute(sql) }
            #expect(error.description.contains("immutable"))
        }
    }

    @Test func theChainLinksEveryEvent() throws {
        let test = try TestLedger()
        let ledger = try test.open()
        _ = try ledger.ingest(files: [try test.file("a.json", insightPage())], account: nil)
        let rows = try ledger.connection.rows("SELECT seq, prev_hash, hash FROM events ORDER BY seq")
        #expect(rows.count == 3)
        #expect(HashFormat.hex(rows[0][1]) == String(repeating: "0", count: 64))
        for (previous, next) in zip(rows, rows.dropFirst()) { #expect(next[1] == previous[2]) }
    }

    @Test func aFileWithABadRowAppendsNothing() throws {
        let test = try TestLedger()
        let ledger = try test.open()
        let bad = """
            {"data":[{"account_id":"42","ad_id":"1","date_start":"2025-12-01","spend":"1"},
                     {"account_id":"42","date_start":"2025-12-01","spend":"1"}]}
            """
        let error = try #require(throws: LedgerError.self) {
            try ledger.ingest(files: [try test.file("bad.json", bad)], account: nil)
        }
        #expect(error.description.contains("bad.json row 2"))
        #expect(error.description.contains("ad_id"))
        #expect(try test.rows("SELECT count(*) FROM events WHERE kind = 'insight.fetched'", ledger: ledger) == [["0"]])
        #expect(try test.rows("SELECT count(*) FROM meta_ads_performance", ledger: ledger) == [["0"]])
    }

    @Test(arguments: [
        ("{\"data\": [", "invalid JSON"),
        ("", "empty"),
        ("{\"error\":{\"message\":\"Invalid OAuth access token.\",\"code\":190}}", "Graph API error response (code 190"),
        ("{\"data\":[{\"account_id\":\"42\",\"ad_id\":\"1\",\"date_start\":\"2025-12-01\",\"date_stop\":\"2025-12-07\"}]}", "time_increment=1"),
        ("{\"data\":[{\"account_id\":\"abc\",\"ad_id\":\"1\",\"date_start\":\"2025-12-01\"}]}", "invalid ad account id"),
        ("{\"data\":[{\"ad_id\":\"1\",\"date_start\":\"2025-12-01\"}]}", "--account"),
        ("{\"data\":[{\"account_id\":\"42\",\"ad_id\":\"1\",\"date_start\":\"12/01/2025\"}]}", "date_start"),
        ("[1, 2]", "JSON object"),
    ])
    func malformedFilesGiveAClearError(text: String, expected: String) throws {
        let test = try TestLedger()
        let ledger = try test.open()
        let error = try #require(throws: LedgerError.self) {
            try ledger.ingest(files: [try test.file("x.json", text)], account: nil)
        }
        #expect(error.description.contains(expected), "\(error.description)")
        #expect(try test.rows("SELECT count(*) FROM meta_ads_performance", ledger: ledger) == [["0"]])
    }

    @Test func jsonLinesAndTheAccountFlag() throws {
        let test = try TestLedger()
        let ledger = try test.open()
        let lines = """
            {"ad_id":"1","date_start":"2025-12-01","spend":"1.25"}

            {"ad_id":"2","date_start":"2025-12-01","spend":"2.50"}
            """
        let summary = try ledger.ingest(files: [try test.file("rows.jsonl", lines)], account: "777")
        #expect(summary.counts.new == 2)
        #expect(
            try test.rows("SELECT meta_ad_account_id, meta_ad_id, spend FROM meta_ads_performance ORDER BY meta_ad_id", ledger: ledger)
                == [["act_777", "1", "1.25"], ["act_777", "2", "2.5"]])
        let mismatch = try #require(throws: LedgerError.self) {
            try ledger.ingest(files: [try test.file("p.json", insightPage())], account: "act_9")
        }
        #expect(mismatch.description.contains("act_42"))
        #expect(throws: LedgerError.invalidAccountId("act_x")) {
            try ledger.ingest(files: [try test.file("p2.json", insightPage())], account: "act_x")
        }
    }

    @Test func everyGraphSampleInsightPageIngests() throws {
        let test = try TestLedger()
        let ledger = try test.open()
        // The ads-edge page's rows carry no account_id: it comes from the page's paging URLs.
        let adLevel: [(String, String?, Int)] = [
            ("insights_ad_level_product_id_breakdown_airbyte.json", nil, 2),
            ("ads_edge_nested_insights_page_with_next_keboola.json", nil, 33),
        ]
        for (name, account, rows) in adLevel {
            let summary = try ledger.ingest(files: [TestLedger.samples.appendingPathComponent(name).path], account: account)
            #expect(summary.counts.rows == rows, "\(name)")
            #expect(summary.counts.malformedValues == 0, "\(name)")
        }
        #expect(try test.rows("SELECT count(*) FROM meta_ads_performance", ledger: ledger).first?.first != "0")
        let airbyte = try test.rows(
            "SELECT spend, impressions, currency FROM meta_ads_performance WHERE meta_ad_id = '23854695759200548'",
            ledger: ledger)
        #expect(airbyte.count == 1)
        let edge = try test.rows(
            "SELECT DISTINCT meta_ad_account_id FROM meta_ads_performance WHERE meta_ad_id <> '23854695759200548'",
            ledger: ledger)
        #expect(edge == [["act_10152437784203995"]])
        // No paging URL was kept anywhere.
        #expect(try test.rows("SELECT count(*) FROM events WHERE adledger_payload(seq) LIKE '%access_token%'", ledger: ledger) == [["0"]])
        // Account- and campaign-level pages are not ad rows: a clear error, nothing appended.
        let nonSync = "SELECT count(*) FROM events WHERE kind NOT LIKE 'sync.%'"
        let before = try test.rows(nonSync, ledger: ledger)
        for name in ["async_job_result_page_account_level_keboola.json", "campaigns_edge_nested_insights_page_keboola.json"] {
            let error = try #require(throws: LedgerError.self) {
                try ledger.ingest(files: [TestLedger.samples.appendingPathComponent(name).path], account: nil)
            }
            #expect(error.description.contains("level=ad"))
        }
        #expect(try test.rows(nonSync, ledger: ledger) == before)
        #expect(before != [["0"]])
    }
}

@Suite struct BreakdownTests {
    @Test func breakdownPartsAreTotalledAndReingestAddsNothing() throws {
        let test = try TestLedger()
        let file = TestLedger.samples.appendingPathComponent("insights_ad_level_product_id_breakdown_airbyte.json").path
        let ledger = try test.open()
        let first = try ledger.ingest(files: [file], account: nil)
        #expect(first.counts.new == 2)
        #expect(
            try test.rows(
                "SELECT spend, revisions, reach FROM meta_ads_performance WHERE meta_ad_id = '23854695759200548'",
                ledger: ledger) == [["22.88", "2", ""]])
        let again = try test.open(at: "2025-12-16T06:00:00Z").ingest(files: [file], account: nil)
        #expect(again.counts.unchanged == 2)
        #expect(try test.rows("SELECT count(*) FROM events WHERE kind = 'insight.fetched'", ledger: ledger) == [["2"]])
    }
}
