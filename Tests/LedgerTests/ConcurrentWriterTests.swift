import JSON
import Foundation
import Normalization
import Testing

@testable import Ledger

/// Another process's changes during a long sync (issue 11 §7): a sync keeps one writer open across many page
/// transactions; what other writers commit between them is seen by the sync's next page (docs/RELIABILITY.md).
@Suite struct ConcurrentWriterTests {
    @Test func aBrandLinkedByAnotherWriterDuringASyncIsSeenByItsNextPages() throws {
        let test = try TestLedger()
        let sync = try test.open(at: "2025-12-15T06:00:00Z")
        _ = try sync.recordAccount(accountObject(currency: "USD"), accountId: "act_42")
        _ = try sync.appendInsightPage(
            [insightRow(ad: "1", date: "2025-12-01")], accountId: "act_42", runId: "r", locator: "p1")
        _ = try sync.recordCampaigns(
            [CampaignBudgetTests.campaign("9", daily: "5000", lifetime: nil)], accountId: "act_42")

        // `adledger brand link` from another process, between two pages of the sync.
        _ = try test.open(at: "2025-12-15T06:01:00Z").linkBrand("WP", account: "act_42", name: nil, primary: true)
        _ = try sync.appendInsightPage(
            [insightRow(ad: "1", date: "2025-12-02")], accountId: "act_42", runId: "r", locator: "p2")
        _ = try sync.recordCampaigns(
            [CampaignBudgetTests.campaign("10", daily: "7000", lifetime: nil)], accountId: "act_42")
        let brands =
            "SELECT DISTINCT coalesce(brand_id, 'NULL') FROM meta_ads_performance UNION ALL SELECT '|' UNION ALL SELECT DISTINCT coalesce(brand_id, 'NULL') FROM meta_campaigns"
        #expect(try test.rows(brands, ledger: sync) == [["WP"], ["|"], ["WP"]])

        // Moved to another brand, then unlinked: the sync's next rows follow each time.
        let other = try test.open(at: "2025-12-15T06:02:00Z")
        try other.unlinkBrand("WP", account: "act_42")
        _ = try other.linkBrand("XB", account: "act_42", name: nil, primary: true)
        _ = try sync.appendInsightPage(
            [insightRow(ad: "1", date: "2025-12-03")], accountId: "act_42", runId: "r", locator: "p3")
        #expect(try test.rows(brands, ledger: sync) == [["XB"], ["|"], ["XB"]])
        try other.unlinkBrand("XB", account: "act_42")
        _ = try sync.appendInsightPage(
            [insightRow(ad: "1", date: "2025-12-04")], accountId: "act_42", runId: "r", locator: "p4")
        #expect(try test.rows(brands, ledger: sync) == [["NULL"], ["|"], ["NULL"]])

        // Live equals the projections rebuilt from the log.
        #expect(try test.reader().verify().ok)
    }

    @Test func anAccountCurrencyChangedByAnotherWriterIsSeenByTheNextPage() throws {
        let test = try TestLedger()
        let sync = try test.open(at: "2025-12-15T06:00:00Z")
        _ = try sync.recordAccount(accountObject(currency: "USD"), accountId: "act_42")
        _ = try sync.appendInsightPage(
            [insightRow(ad: "1", date: "2025-12-01", currency: nil)], accountId: "act_42", runId: "r", locator: "p1")
        _ = try test.open(at: "2025-12-15T06:01:00Z").recordAccount(accountObject(currency: "JPY"), accountId: "act_42")
        _ = try sync.appendInsightPage(
            [insightRow(ad: "1", date: "2025-12-02", currency: nil)], accountId: "act_42", runId: "r", locator: "p2")
        _ = try sync.recordCampaigns(
            [CampaignBudgetTests.campaign("9", daily: "5000", lifetime: nil)], accountId: "act_42")
        #expect(
            try test.rows("SELECT date, currency FROM meta_ads_performance ORDER BY date", ledger: sync)
                == [["2025-12-01", "USD"], ["2025-12-02", "JPY"]])
        #expect(try test.rows("SELECT daily_budget FROM meta_campaigns", ledger: sync) == [["5000.0"]])
        #expect(try test.reader().verify().ok)
    }
}
