import Foundation
import Sync
import Testing

@testable import Ledger

/// ``AdDayContribution`` computes in Swift the micros SQLite computes with `CAST(round(x * 1000000) AS INTEGER)`
/// (ties half away from zero on the double, negative values, NULL), hands every value it cannot reproduce exactly
/// back to SQL, and an ingest that sums new ad-days in Swift leaves the same summary rows as a rebuild (the SQL
/// path) and a ledger that verifies.
@Suite struct AdDayContributionTests {
    static let reals: [Double] = [
        0, -0.0, 0.5e-6, 0.4999999e-6, 0.5000001e-6, 1.5e-6, 2.5e-6, -0.5e-6, -1.5e-6, -2.5e-6, 0.0000005, 1.0000005,
        0.1, 0.2, 0.3, 12.345678_5, 99.9999995, -99.9999995, 1234.5678905, 0.49999999999999994e-6, 4_503_599_627.3,
        4_503_599_627.370495, -4_503_599_627.3, 123_456_789.123_456_5, 1e-7, -1e-7, 7.123_456_499_999_999,
    ]

    @Test func realMicrosAreSQLitesRoundedProduct() throws {
        let connection = try Connection(path: ":memory:", mode: .readWrite)
        let statement = try connection.prepare("SELECT \(ReportMetric.micros("?1"))")
        var checked = 0
        // The listed edges, and ties of every kind: k + 0.5 micros for k in -2000...2000, scaled.
        var values = Self.reals
        for k in -2_000...2_000 { values.append((Double(k) + 0.5) / 1_000_000) }
        for k in stride(from: 1, to: 100_000, by: 997) { values.append(Double(k) * 0.015 + 0.000_000_5) }
        for value in values {
            try statement.bind([.real(value)])
            _ = try statement.step()
            let sqlite = statement.value(at: 0).integer
            statement.reset()
            let swift = try #require(Micros.of(value), "\(value)")
            #expect(swift == sqlite, "\(value): Swift \(swift), SQLite \(sqlite.map(String.init) ?? "NULL")")
            checked += 1
        }
        #expect(checked > 4_000)
        // Beyond 2^52 micros SQL computes it.
        #expect(Micros.of(4_503_599_628.0) == nil)
        #expect(Micros.of(Double.infinity) == nil)
        #expect(Micros.of(Double.nan) == nil)
    }

    @Test func integerMicrosAreExactOrLeftToSQL() throws {
        let connection = try Connection(path: ":memory:", mode: .readWrite)
        let statement = try connection.prepare("SELECT \(ReportMetric.micros("?1"))")
        for value: Int64 in [0, 1, -1, 42, -42, 4_503_599_627, -4_503_599_627] {
            try statement.bind([.integer(value)])
            _ = try statement.step()
            #expect(Micros.of(value) == statement.value(at: 0).integer, "\(value)")
            statement.reset()
        }
        #expect(Micros.of(Int64(4_503_599_628)) == nil)
        #expect(Micros.of(Int64.max) == nil)
    }

    @Test func valuesSwiftCannotSumExactlyAreLeftToSQL() throws {
        let row = Self.values(spend: .real(1.25), impressions: .integer(10), date: "2025-12-06")
        let contribution = try #require(AdDayContribution(values: row, fetchedAt: "2025-12-13T06:00:00Z"))
        #expect(contribution.drift.fromDay == "2025-12-13")
        #expect(contribution.bucket.bucket == "2025-12-01" && contribution.dayBit == 32)
        #expect(contribution.micros[0] == 1_250_000 && contribution.bucketValues[1] == 10)
        #expect(contribution.micros[2] == nil)  // clicks NULL
        #expect(AdDayContribution(values: Self.values(spend: .text("1.25")), fetchedAt: "2025-12-13T06:00:00Z") == nil)
        #expect(AdDayContribution(values: Self.values(impressions: .real(1.5)), fetchedAt: "2025-12-13T06:00:00Z") == nil)
        #expect(AdDayContribution(values: Self.values(date: "2025-02-30"), fetchedAt: "2025-12-13T06:00:00Z") == nil)
        #expect(AdDayContribution(values: Self.values(spend: .real(1e10)), fetchedAt: "2025-12-13T06:00:00Z") == nil)
    }

    /// Performance values with the given spend, impressions and date (everything else NULL but the keys).
    static func values(spend: SQLValue = .null, impressions: SQLValue = .null, date: String = "2025-12-06")
        -> [SQLValue]
    {
        var values = [SQLValue](repeating: .null, count: PerformanceColumns.all.count)
        func set(_ column: String, _ value: SQLValue) {
            if let index = PerformanceColumns.all.firstIndex(of: column) { values[index] = value }
        }
        set("meta_ad_account_id", .text("42"))
        set("meta_ad_id", .text("1001"))
        set("meta_campaign_id", .text("9"))
        set("date", .text(date))
        set("currency", .text("USD"))
        set("spend", spend)
        set("impressions", impressions)
        return values
    }

    /// One raw row of `ad` on `day` with its spend replaced by `spend` (nil: no spend at all, a NULL).
    static func row(_ ad: ReportFixture.Ad, _ index: Int, _ day: String, spend: String?) throws -> String {
        let row = ReportFixture.row(ad, index, day)
        let pattern = try NSRegularExpression(pattern: "\"spend\":\"[^\"]*\",")
        let range = NSRange(row.startIndex..., in: row)
        let replacement = spend.map { "\"spend\":\"\($0)\"," } ?? ""
        return pattern.stringByReplacingMatches(in: row, range: range, withTemplate: replacement)
    }

    @Test func newAdDaysOnRoundingEdgesKeepTheSummariesEqualToARebuild() throws {
        let fixture = try DriftSummaryTests.restated()
        let ads = ReportFixture.ads
        let rows = [
            // New ad-days in buckets that have rows (the week of 2025-12-01) and in new ones; ties of micros,
            // a sub-micro spend, a spend too large for Swift's exact micros, no spend at all, whole yen.
            try Self.row(ads[0], 60, "2025-12-06", spend: "0.0000005"),
            try Self.row(ads[1], 61, "2025-12-06", spend: "1.0000025"),
            try Self.row(ads[1], 62, "2025-12-07", spend: "99.9999995"),
            try Self.row(ads[2], 63, "2025-12-06", spend: "0.00000049"),
            try Self.row(ads[3], 64, "2025-12-06", spend: nil),
            try Self.row(ads[3], 65, "2025-12-07", spend: "12345678901.5"),
            try Self.row(ads[4], 66, "2025-12-06", spend: "1001"),
            try Self.row(ads[5], 67, "2026-01-02", spend: "7"),
            try Self.row(ads[0], 68, "2026-01-05", spend: "2.5000005"),
            try Self.row(ads[0], 69, "2026-01-06", spend: "0.1"),
            // A restatement of an ad-day that had a row, in a bucket with new ad-days of this file.
            try Self.row(ads[0], 70, ReportFixture.days[5], spend: "3.0000015"),
        ]
        let page = try fixture.test.file("edges.json", "{\"data\":[" + rows.joined(separator: ",") + "]}")
        let summary = try fixture.test.open(at: "2025-12-13T06:00:00Z").ingest(files: [page], account: nil)
        #expect(summary.counts.new == 10 && summary.counts.changed == 1)
        let ledger = try fixture.test.reader(at: "2025-12-20T12:00:00Z")
        let live = try SummaryBatchTests.summaries(ledger)
        let verify = try ledger.verify()
        #expect(verify.ok, "\(verify.problems)")
        _ = try fixture.test.open().rebuild(dryRun: false)
        #expect(try SummaryBatchTests.summaries(try fixture.test.reader()) == live)
    }
}
