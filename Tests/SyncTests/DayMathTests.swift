import Foundation
import Testing

@testable import Sync

/// A UTC instant written in the test.
func instant(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> Date {
    try #require(
        ISO8601DateFormatter().date(from: text), "test literal \(text) is not ISO 8601", sourceLocation: sourceLocation)
}

@Suite struct DayMathTests {
    /// (instant, account time zone, today there). Days flip at the account's midnight, DST included.
    @Test(arguments: [
        ("2025-12-07T20:00:00Z", "America/Los_Angeles", "2025-12-07"),
        ("2025-12-07T20:00:00Z", "Asia/Tokyo", "2025-12-08"),
        ("2025-12-07T14:59:59Z", "Asia/Tokyo", "2025-12-07"),
        ("2025-12-07T15:00:00Z", "Asia/Tokyo", "2025-12-08"),
        // Los Angeles, spring forward (2025-03-09): midnight is 08:00Z before and 07:00Z after.
        ("2025-03-09T07:59:59Z", "America/Los_Angeles", "2025-03-08"),
        ("2025-03-09T08:00:00Z", "America/Los_Angeles", "2025-03-09"),
        ("2025-03-10T06:59:59Z", "America/Los_Angeles", "2025-03-09"),
        ("2025-03-10T07:00:00Z", "America/Los_Angeles", "2025-03-10"),
        // Los Angeles, fall back (2025-11-02): the day is 25 hours long.
        ("2025-11-02T06:59:59Z", "America/Los_Angeles", "2025-11-01"),
        ("2025-11-02T07:00:00Z", "America/Los_Angeles", "2025-11-02"),
        ("2025-11-03T07:59:59Z", "America/Los_Angeles", "2025-11-02"),
        ("2025-11-03T08:00:00Z", "America/Los_Angeles", "2025-11-03"),
        // Sydney is on summer time (+11) in January.
        ("2025-01-01T12:59:59Z", "Australia/Sydney", "2025-01-01"),
        ("2025-01-01T13:00:00Z", "Australia/Sydney", "2025-01-02"),
        // Quarter-hour offsets and the year's end.
        ("2025-12-31T18:14:59Z", "Asia/Kathmandu", "2025-12-31"),
        ("2025-12-31T18:15:00Z", "Asia/Kathmandu", "2026-01-01"),
        // +14: the day after February 28 is March 1 in a common year and February 29 in a leap year.
        ("2025-02-28T10:00:00Z", "Pacific/Kiritimati", "2025-03-01"),
        ("2024-02-29T09:59:59Z", "Pacific/Kiritimati", "2024-02-29"),
        ("2024-02-29T10:00:00Z", "Pacific/Kiritimati", "2024-03-01"),
        ("2024-02-29T23:59:59Z", "UTC", "2024-02-29"),
    ])
    func todayIsCountedInTheAccountsTimeZone(time: String, timeZone: String, today: String) throws {
        #expect(DayMath.today(at: try instant(time), timeZone: timeZone) == today)
    }

    /// Without a time zone, or with one the system does not know, days are counted in UTC.
    @Test(arguments: [nil, "Mars/Olympus_Mons", ""])
    func anUnknownTimeZoneCountsInUTC(timeZone: String?) throws {
        #expect(DayMath.today(at: try instant("2025-12-07T23:59:59Z"), timeZone: timeZone) == "2025-12-07")
        #expect(DayMath.today(at: try instant("2025-12-08T00:00:00Z"), timeZone: timeZone) == "2025-12-08")
    }

    @Test(arguments: ["2025-12-01", "2024-02-29", "2000-02-29", "2025-01-31", "2025-04-30", "2025-12-31", "0001-01-01"])
    func realDaysParse(text: String) throws {
        let parts = try #require(DayMath.parse(text))
        #expect(String(format: "%04d-%02d-%02d", parts.year ?? 0, parts.month ?? 0, parts.day ?? 0) == text)
    }

    @Test(arguments: [
        "2025-02-30", "2025-02-29", "1900-02-29", "2025-04-31", "2025-13-01", "2025-00-10", "2025-12-00", "2025-12-32",
        "2025-1-01", "25-12-01", "2025/12/01", "2025-12-01T00:00:00Z", "", "2025-12", "20251201", "2025-12-+1",
    ])
    func anythingElseDoesNotParse(text: String) {
        #expect(DayMath.parse(text) == nil)
    }

    /// (day, days added, result): across month ends, leap days and the year's end.
    @Test(arguments: [
        ("2025-12-08", 0, "2025-12-08"),
        ("2025-01-31", 1, "2025-02-01"),
        ("2025-02-28", 1, "2025-03-01"),
        ("2024-02-28", 1, "2024-02-29"),
        ("2024-03-01", -1, "2024-02-29"),
        ("2025-03-01", -1, "2025-02-28"),
        ("2025-12-31", 1, "2026-01-01"),
        ("2026-01-01", -1, "2025-12-31"),
        ("2025-03-09", 1, "2025-03-10"),
        ("2025-11-02", 1, "2025-11-03"),
        ("2025-12-08", -28, "2025-11-10"),
        ("2024-02-29", 365, "2025-02-28"),
        ("2025-12-08", -1116, "2022-11-18"),
        // Text that is not a day comes back unchanged.
        ("2025-02-30", 1, "2025-02-30"),
    ])
    func addingDays(day: String, days: Int, result: String) {
        #expect(DayMath.adding(days, to: day) == result)
    }

    /// (first, last, days counted inclusively); 0 when the range is empty or a bound is not a day.
    @Test(arguments: [
        ("2025-12-01", "2025-12-07", 7),
        ("2025-12-07", "2025-12-07", 1),
        ("2024-02-01", "2024-03-01", 30),
        ("2025-02-01", "2025-03-01", 29),
        ("2024-01-01", "2024-12-31", 366),
        ("2025-01-01", "2025-12-31", 365),
        ("2025-03-08", "2025-03-10", 3),
        ("2025-12-08", "2025-12-07", 0),
        ("2025-02-30", "2025-03-01", 0),
    ])
    func daysInARange(since: String, until: String, days: Int) {
        #expect(DayMath.days(from: since, to: until) == days)
    }
}
