import JSON
import Testing

@testable import Ledger

/// Ad sets, ads and creatives as events and projections (issue 14 §3), including bad input: kept, not rejected,
/// with NULL where a column cannot be read.
@Suite struct ObjectProjectionTests {
    func object(_ text: String) throws -> JSONValue { try JSONParser.parse(text) }

    @Test func badObjectsAreKeptWithNullColumns() throws {
        let test = try TestLedger()
        let ledger = try test.open()
        _ = try ledger.recordAccount(accountObject(currency: "JPY"), accountId: "act_42")
        // An ad with only an id and an unknown status, an ad with no id (cannot be told apart: skipped).
        let ads = [
            try object(#"{"id": "501", "effective_status": "SOMETHING_NEW", "creative": "not an object"}"#),
            try object(#"{"name": "no id"}"#),
        ]
        #expect(try ledger.recordObjects(ads, of: .ad, accountId: "act_42") == 1)
        #expect(
            try test.rows(
                "SELECT meta_ad_id, name, effective_status, configured_status, meta_creative_id FROM meta_ads",
                ledger: ledger) == [["501", "", "", "", ""]])
        // The raw object is in the event, unknown status and all.
        #expect(
            try test.rows(
                """
                SELECT e.stream, json_extract(CAST(p.body AS TEXT), '$.ad.effective_status') FROM events e
                JOIN payloads p ON p.hash = e.payload_hash WHERE e.kind = 'ad.fetched'
                """, ledger: ledger) == [["meta_ad:501", "SOMETHING_NEW"]])
        // A creative with no story spec and no asset feed: no link; numbers where text belongs: NULL.
        let creative = try object(#"{"id": "701", "object_type": "SHARE", "title": 7, "image_hash": "abc"}"#)
        #expect(try ledger.recordObjects([creative], of: .adcreative, accountId: "act_42") == 1)
        #expect(
            try test.rows(
                "SELECT object_type, title, image_hash, link_url, video_id FROM meta_ad_creatives", ledger: ledger)
                == [["SHARE", "", "abc", "", ""]])
        // An ad set in JPY: budgets have no minor unit; a missing budget is NULL.
        let adset = try object(#"{"id": "801", "daily_budget": "3000", "effective_status": "ACTIVE"}"#)
        #expect(try ledger.recordObjects([adset], of: .adset, accountId: "act_42") == 1)
        #expect(
            try test.rows(
                "SELECT daily_budget, lifetime_budget, effective_status, name FROM meta_adsets", ledger: ledger)
                == [["3000.0", "", "ACTIVE", ""]])
        #expect(try ledger.verify().ok)
    }

    @Test func unchangedObjectsAppendNothingAndAStatusChangeIsOneHistoryRow() throws {
        let test = try TestLedger()
        let ledger = try test.open()
        let active = try object(#"{"id": "502", "effective_status": "ACTIVE", "creative": {"id": "702"}}"#)
        #expect(try ledger.recordObjects([active], of: .ad, accountId: "act_42") == 1)
        #expect(try ledger.recordObjects([active], of: .ad, accountId: "act_42") == 0)
        let later = try test.open(at: "2025-12-16T06:00:00Z")
        let paused = try object(#"{"id": "502", "effective_status": "PAUSED", "creative": {"id": "702"}}"#)
        #expect(try later.recordObjects([paused], of: .ad, accountId: "act_42") == 1)
        // A renamed ad is a new event but no new status row.
        let renamed = try object(
            #"{"id": "502", "name": "x", "effective_status": "PAUSED", "creative": {"id": "702"}}"#)
        #expect(try later.recordObjects([renamed], of: .ad, accountId: "act_42") == 1)
        #expect(
            try test.rows("SELECT effective_status, valid_from, valid_to FROM meta_ad_status_history", ledger: later)
                == [
                    ["ACTIVE", "2025-12-15T06:00:00.000Z", "2025-12-16T06:00:00.000Z"],
                    ["PAUSED", "2025-12-16T06:00:00.000Z", ""],
                ])
        #expect(try test.rows("SELECT count(*) FROM events WHERE kind = 'ad.fetched'", ledger: later) == [["3"]])
        // An insight row for the ad learns its status, and whether its creative is a video once that arrives.
        _ = try later.appendInsightPage(insightRows(ad: "502"), accountId: "act_42", runId: "r", locator: "t")
        #expect(
            try test.rows("SELECT ad_status, is_video FROM meta_ads_performance", ledger: later) == [["PAUSED", ""]])
        let video = try object(#"{"id": "702", "object_type": "VIDEO", "video_id": "9"}"#)
        _ = try later.recordObjects([video], of: .adcreative, accountId: "act_42")
        #expect(
            try test.rows("SELECT ad_status, is_video FROM meta_ads_performance", ledger: later) == [["PAUSED", "1"]])
        #expect(try later.verify().ok)
    }

    /// Within one transaction, an insight row reads its ad's status as the object tables hold it when it is
    /// written: an ad event between two insight rows of the same ad changes what the second one gets (the first is
    /// brought up to date by the ad event itself).
    @Test func anAdEventBetweenTwoRowsOfOneTransactionIsSeenByTheSecond() throws {
        let test = try TestLedger()
        let ledger = try test.open()
        let rows = try ["2025-12-01", "2025-12-02"].map { date in
            try object(
                #"{"account_id": "42", "ad_id": "503", "date_start": "\#(date)", "spend": "5", "impressions": "10"}"#)
        }
        let ad = try object(#"{"id": "503", "effective_status": "ACTIVE"}"#)
        try ledger.write { (writer: LedgerWriter) throws(LedgerError) in
            for (index, row) in rows.enumerated() {
                let identity = try InsightRow(row, account: "act_42", locator: "t")
                _ = try ledger.appendInsight(row, identity: identity, runId: "r", writer: writer)
                guard index == 0 else { continue }
                _ = try writer.record(
                    NewEvent(
                        kind: .adFetched, stream: "meta_ad:503",
                        payload: .object([("account_id", .string("act_42")), ("ad", ad)])))
            }
        }
        #expect(
            try test.rows("SELECT date, ad_status FROM meta_ads_performance ORDER BY date", ledger: ledger)
                == [["2025-12-01", "ACTIVE"], ["2025-12-02", "ACTIVE"]])
        #expect(try ledger.verify().ok)
    }

    func insightRows(ad: String) throws -> [JSONValue] {
        [
            try object(
                #"{"account_id": "42", "ad_id": "\#(ad)", "date_start": "2025-12-01", "spend": "5", "impressions": "10"}"#
            )
        ]
    }
}
