import Testing

@testable import Ledger

/// `--as-of` and `.asof` times: what is read, and what is refused rather than rolled over.
@Suite struct TimestampTests {
    /// (user input, the ledger's UTC text).
    @Test(arguments: [
        ("2025-12-20", "2025-12-20T23:59:59.999Z"),
        ("2024-02-29", "2024-02-29T23:59:59.999Z"),
        ("2000-02-29", "2000-02-29T23:59:59.999Z"),
        ("2025-12-20T10:00:00Z", "2025-12-20T10:00:00.000Z"),
        ("2025-12-20 10:00", "2025-12-20T10:00:00.000Z"),
        ("2025-12-20T10:00:00.12345z", "2025-12-20T10:00:00.123Z"),
        ("2025-12-31T23:59:59.999Z", "2025-12-31T23:59:59.999Z"),
        ("2025-12-20T01:30:00+02:00", "2025-12-19T23:30:00.000Z"),
        ("2025-12-31T20:00:00-0500", "2026-01-01T01:00:00.000Z"),
        ("2025-03-01T00:30:00+01:00", "2025-02-28T23:30:00.000Z"),
        ("2024-03-01T00:30:00+01:00", "2024-02-29T23:30:00.000Z"),
        ("  2025-12-20  ", "2025-12-20T23:59:59.999Z"),
    ])
    func realTimesAreRead(input: String, utc: String) throws {
        #expect(try Timestamp.parseUserTime(input) == utc)
    }

    @Test(arguments: [
        "2025-02-30", "2025-02-29", "1900-02-29", "2025-04-31", "2025-06-31", "2025-13-01", "2025-00-01", "2025-01-00",
        "0000-01-01", "2025-02-30T10:00:00Z", "2025-12-01T25:00:00Z", "2025-12-01T24:00:00Z", "2025-12-01T10:60:00Z",
        "2025-12-01T10:00:60Z", "2025-12-01T10:00:00+24:00", "2025-12-01T10:00:00+05:60", "2025-12-01T10:00:00+5:00",
        "2025-12-1", "last tuesday", "", "2025-12-01T10Z", "2025-12-01T10:00:00ZZ",
    ])
    func timesThatAreNotRealAreRefused(input: String) {
        #expect(throws: LedgerError.invalidTime(input)) { try Timestamp.parseUserTime(input) }
    }

    @Test(arguments: [
        (2024, 2, 29, true), (2000, 2, 29, true), (2025, 2, 28, true), (2025, 12, 31, true), (2025, 4, 30, true),
        (2025, 2, 29, false), (2100, 2, 29, false), (2025, 4, 31, false), (2025, 1, 32, false), (2025, 0, 1, false),
        (2025, 13, 1, false), (2025, 1, 0, false), (0, 1, 1, false),
    ])
    func calendarDates(year: Int, month: Int, day: Int, real: Bool) {
        #expect(Timestamp.isCalendarDate(year, month, day) == real)
    }
}
