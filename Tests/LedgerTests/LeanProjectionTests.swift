import Foundation
import Sync
import Testing

@testable import Ledger

@Suite struct LeanProjectionTests {
    static let actionsSQL =
        "SELECT meta_ad_id, date, list, action_type, window, value FROM meta_ads_actions ORDER BY list, action_type, window"

    @Test func projectionsHoldNoRawArraysAndMetaAdsActionsReadsThemFromThePayload() throws {
        let test = try TestLedger()
        _ = try test.open(at: "2025-12-15T06:00:00Z").ingest(files: [try test.file("a.json", insightPage())], account: nil)
        _ = try test.open(at: "2025-12-16T06:00:00Z").ingest(
            files: [try test.file("b.json", insightPage(purchases: "3"))], account: nil)
        let ledger = try test.reader()
        for table in ["meta_ads_performance", "meta_ads_performance_history"] {
            let columns = try test.rows("SELECT name FROM pragma_table_info('\(table)')", ledger: ledger).map(\.[0])
            #expect(columns.contains("purchases"))
            #expect(!columns.contains { $0.hasPrefix("raw_") }, "\(table): \(columns)")
        }
        #expect(try test.rows(Self.actionsSQL, ledger: ledger) == [
            ["111", "2025-12-01", "action_values", "omni_purchase", "value", "99.9"],
            ["111", "2025-12-01", "actions", "omni_purchase", "7d_click", "3"],
            ["111", "2025-12-01", "actions", "omni_purchase", "value", "3"],
            ["111", "2025-12-01", "actions", "purchase", "value", "3"],
        ])
        // As of the first fetch, the view reads that version's payload.
        try ledger.setAsOf("2025-12-15T12:00:00Z")
        #expect(try test.rows("SELECT action_type, window, value FROM meta_ads_actions WHERE list = 'actions' ORDER BY 1, 2", ledger: ledger) == [
            ["omni_purchase", "7d_click", "2"], ["omni_purchase", "value", "2"], ["purchase", "value", "2"],
        ])
    }
}
