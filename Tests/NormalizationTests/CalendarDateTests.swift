import Normalization
import Testing

@Suite struct CalendarDateTests {
    @Test(arguments: [
        "2025-01-01", "2025-12-31", "2024-02-29", "2000-02-29", "2025-04-30", "2025-02-28", "0001-01-01", "9999-12-31",
    ])
    func realDaysAreDates(text: String) {
        #expect(CalendarDate.isValid(text))
    }

    @Test(arguments: [
        "2025-02-30", "2025-02-29", "1900-02-29", "2100-02-29", "2025-04-31", "2025-06-31", "2025-09-31",
        "2025-11-31", "2025-01-32", "2025-13-01", "2025-00-10", "2025-01-00", "0000-01-01", "2025-1-01",
        "2025-01-1", "20250101", "2025/01/01", "2025-01-01T00:00:00Z", " 2025-01-01", "２０２５-０１-０１", "",
        "abcd-ef-gh", "-025-01-01",
    ])
    func otherTextsAreNot(text: String) {
        #expect(!CalendarDate.isValid(text))
    }
}
