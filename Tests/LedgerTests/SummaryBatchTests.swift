import Foundation
import Sync
import Testing

@testable import Ledger

/// The report summaries that an ingest keeps up to date set-based (``SummaryBatch``, triggers off) equal what a
/// rebuild computes, however one file mixes new ad-days, restatements of ad-days with replaced versions and the
/// same ad-day several times (moved to another campaign and back); a file that fails changes nothing, and the
/// triggers are back for the writers after it.
@Suite struct SummaryBatchTests {
    static func summaries(_ ledger: LedgerReader) throws -> [[String]] {
        try ReportSummaryTests.summaryRows(ledger) + DriftSummaryTests.summaryRows(ledger)
    }

    static func moved(_ row: String, from campaign: String, to other: String) -> String {
        row.replacingOccurrences(of: "\"campaign_id\":\"\(campaign)\"", with: "\"campaign_id\":\"\(other)\"")
    }

    @Test func oneFileOfMixedWritesKeepsTheSummariesEqualToARebuild() throws {
        let fixture = try DriftSummaryTests.restated()
        let ads = ReportFixture.ads
        let days = ReportFixture.days
        let rows = [
            ReportFixture.row(ads[0], 40, days[3]),  // restated twice before: two replaced versions
            Self.moved(ReportFixture.row(ads[0], 41, days[3]), from: ads[0].campaign, to: "77"),  // again, moved
            ReportFixture.row(ads[0], 42, days[3]),  // and back
            Self.moved(ReportFixture.row(ads[1], 43, days[4]), from: ads[1].campaign, to: "78"),
            ReportFixture.row(ads[3], 44, days[8]),
            ReportFixture.row(ads[2], 45, "2025-12-06"),  // a new ad-day, changed later in the same file
            ReportFixture.row(ads[2], 46, "2025-12-06"),
            ReportFixture.row(ads[4], 47, "2025-12-07"),  // a new ad-day in a new bucket (Sunday)
            ReportFixture.row(ads[5], 48, days[2]),
        ]
        let page = try fixture.test.file("mixed.json", "{\"data\":[" + rows.joined(separator: ",") + "]}")
        let summary = try fixture.test.open(at: "2025-12-13T06:00:00Z").ingest(files: [page], account: nil)
        #expect(summary.counts.new == 2 && summary.counts.changed == 7)
        let ledger = try fixture.test.reader(at: "2025-12-20T12:00:00Z")
        let live = try Self.summaries(ledger)
        let verify = try ledger.verify()
        #expect(verify.ok, "\(verify.problems)")
        try ReportSummaryTests.expectPathsAgree(ledger)
        try DriftSummaryTests.expectPathsAgree(ledger)
        _ = try fixture.test.open().rebuild(dryRun: false)
        #expect(try Self.summaries(try fixture.test.reader()) == live)
    }

    @Test func aFailedFileChangesNothingAndTheTriggersAreBack() throws {
        let fixture = try DriftSummaryTests.restated()
        let before = try Self.summaries(try fixture.test.reader())
        let rows = [
            ReportFixture.row(ReportFixture.ads[0], 50, ReportFixture.days[1]),
            ReportFixture.row(ReportFixture.ads[2], 51, "2025-12-06"),
            "{\"account_id\":\"42\",\"ad_id\":\"1001\"}",
        ]
        let page = try fixture.test.file("bad.json", "{\"data\":[" + rows.joined(separator: ",") + "]}")
        let ledger = try fixture.test.open(at: "2025-12-13T06:00:00Z")
        #expect(throws: LedgerError.self) { try ledger.ingest(files: [page], account: nil) }
        #expect(try Self.summaries(try fixture.test.reader()) == before)
        // The same connection writes through the triggers again: an unlinked brand moves every row of its account.
        try ledger.unlinkBrand("WP", account: "act_42")
        let after = try fixture.test.reader()
        #expect(try Self.summaries(after) != before)
        let verify = try after.verify()
        #expect(verify.ok, "\(verify.problems)")
    }

    /// New ad-days whose summed micros pass 64 bits in one drift row (2,400 ads spending 4 billion the same day, in one
    /// account and campaign) are summed by SQLite instead of in Swift: its `sum()` stops on the overflow, so the file
    /// fails with an error (before, a crash), nothing of it is committed, and the ledger verifies.
    @Test func sumsPastSixtyFourBitsAreLeftToSQLite() throws {
        let test = try TestLedger()
        let ledger = try test.open()
        let rows = (1...2_400).map { ad in
            #"{"account_id":"42","account_currency":"USD","ad_id":"\#(90_000 + ad)","campaign_id":"9","adset_id":"8","date_start":"2025-12-01","date_stop":"2025-12-01","spend":"4000000000","impressions":"1"}"#
        }
        let page = try test.file("huge.json", "{\"data\":[" + rows.joined(separator: ",") + "]}")
        let error = #expect(throws: LedgerError.self) { try ledger.ingest(files: [page], account: nil) }
        #expect(error?.description.contains("integer overflow") == true, "\(String(describing: error))")
        #expect(try ledger.connection.scalar("SELECT count(*) FROM meta_ads_performance") == .integer(0))
        #expect(try ledger.verify().ok)
    }
}
