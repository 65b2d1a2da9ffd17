import Testing

@testable import Ledger

/// ``ReportBucket`` computes in Swift what ``ReportSummary``'s SQL computes with SQLite's date functions: for every
/// day of four years (leap and not), its bucket, its `day_mask` bit, and the days text-ordered from the bucket's first day
/// to its `end` are exactly the days SQLite puts in that bucket (also the non-days such as `2025-02-30` that SQLite
/// reads as days of the next month).
@Suite struct ReportBucketTests {
    @Test func everyDayMatchesSQLitesDateFunctions() throws {
        let connection = try Connection(path: ":memory:", mode: .readWrite)
        let days = try connection.rows(
            """
            WITH RECURSIVE d(day) AS (SELECT '2023-01-01' UNION ALL SELECT date(day, '+1 day') FROM d
                WHERE day < '2026-12-31')
            SELECT day, \(ReportSummary.bucket("day")), (strftime('%w', day) + 6) % 7, \(ReportSummary.dayBit("day"))
            FROM d
            """)
        #expect(days.count == 1_461)
        let bucketOf = try connection.prepare("SELECT \(ReportSummary.bucket("?1"))")
        for row in days {
            let day = try #require(row[0].text)
            let bucket = try #require(ReportBucket(date: day))
            #expect(bucket.start == row[1].text, "\(day)")
            let dayOfMonth = try #require(Int(day.suffix(2)))
            #expect(dayOfMonth - bucket.mondayDay == row[2].integer.map(Int.init), "\(day)")
            #expect(bucket.dayBit == row[3].integer, "\(day)")
            // Every text day 01…31 of the month is in the bucket's range exactly when SQLite buckets it there.
            for other in 1...31 {
                let text = String(day.prefix(8)) + (other < 10 ? "0\(other)" : "\(other)")
                try bucketOf.bind([.text(text)])
                _ = try bucketOf.step()
                let sqlite = bucketOf.text(at: 0)
                bucketOf.reset()
                let inRange = text >= bucket.start && text <= bucket.end
                #expect(inRange == (sqlite == bucket.start), "\(day): \(text) in SQLite's bucket \(sqlite ?? "-")")
            }
        }
    }

    @Test(arguments: ["2025-02-29", "2025-02-30", "2025-04-31", "2025-13-01", "0000-01-01", "2025-1-01", "2025-01-0x"])
    func aTextThatIsNoDayHasNoBucket(_ text: String) {
        #expect(ReportBucket(date: text) == nil)
    }
}
