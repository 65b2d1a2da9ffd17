import Testing

@testable import Ledger

/// ``ReportBucket`` computes in Swift what ``ReportSummary``'s SQL computes with SQLite's date functions: for every
/// day of four years (leap and not), its bucket and its `day_mask` bit; a text that is no day has none (SQL then
/// computes its row).
@Suite struct ReportBucketTests {
    @Test func everyDayMatchesSQLitesDateFunctions() throws {
        let connection = try Connection(path: ":memory:", mode: .readWrite)
        let days = try connection.rows(
            """
            WITH RECURSIVE d(day) AS (SELECT '2023-01-01' UNION ALL SELECT date(day, '+1 day') FROM d
                WHERE day < '2026-12-31')
            SELECT day, \(ReportSummary.bucket("day")), \(ReportSummary.dayBit("day")) FROM d
            """)
        #expect(days.count == 1_461)
        for row in days {
            let day = try #require(row[0].text)
            let bucket = try #require(ReportBucket(date: day))
            #expect(bucket.start == row[1].text, "\(day)")
            #expect(bucket.dayBit == row[2].integer, "\(day)")
        }
    }

    @Test(arguments: ["2025-02-29", "2025-02-30", "2025-04-31", "2025-13-01", "0000-01-01", "2025-1-01", "2025-01-0x"])
    func aTextThatIsNoDayHasNoBucket(_ text: String) {
        #expect(ReportBucket(date: text) == nil)
    }
}
