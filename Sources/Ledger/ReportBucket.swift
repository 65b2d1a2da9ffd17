import Normalization

/// The `report_ad_buckets` bucket of one calendar day, computed as ``ReportSummary/bucket(_:)`` computes it in SQL
/// (the later of its week's Monday and its month's 1st), with the day's mask bit, so ``SummaryBatch`` adds a new
/// ad-day to its bucket without SQLite's date functions.
struct ReportBucket: Hashable {
    /// The bucket's first day, `YYYY-MM-DD`.
    let start: String
    /// The day's bit in `day_mask` (Monday 1, Tuesday 2, … Sunday 64), as ``ReportSummary/dayBit(_:)``.
    let dayBit: Int64

    /// The bucket of `date`; nil unless it is a real day `YYYY-MM-DD` (``CalendarDate``'s rule).
    init?(date: String) {
        var text = date
        guard
            let (year, month, day) = text.withUTF8({ bytes -> (Int, Int, Int)? in
                guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-") else {
                    return nil
                }
                var fields = [0, 0, 0]
                for (field, range) in [(0, 0..<4), (1, 5..<7), (2, 8..<10)] {
                    for byte in bytes[range] {
                        guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
                        fields[field] = fields[field] * 10 + Int(byte - UInt8(ascii: "0"))
                    }
                }
                return (fields[0], fields[1], fields[2])
            }),
            CalendarDate.isValid(year: year, month: month, day: day)
        else { return nil }
        // Monday 0 … Sunday 6.
        let weekday = (Self.daysFromCivil(year: year, month: month, day: day) % 7 + 7 + 3) % 7
        // The day of month of the week's Monday (1 or less when the week began in the month before).
        let mondayDay = day - weekday
        dayBit = 1 << Int64(weekday)
        start = String(decoding: date.utf8.prefix(8), as: UTF8.self) + Self.twoDigits(max(mondayDay, 1))
    }

    private static func twoDigits(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }

    /// Days since 1970-01-01 (a Thursday) of a proleptic Gregorian date (H. Hinnant's `days_from_civil`).
    private static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }
}
