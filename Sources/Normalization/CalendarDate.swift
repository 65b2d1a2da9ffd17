/// Calendar dates as Meta writes them: `YYYY-MM-DD`, a real day of the Gregorian calendar.
public enum CalendarDate {
    /// Whether `text` is exactly `YYYY-MM-DD` (ASCII digits) naming a day that exists: `2024-02-29`
    /// yes, `2025-02-29`, `2025-04-31`, `2025-13-01` and `0000-01-01` no.
    public static func isValid(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-") else { return false }
        var fields = [0, 0, 0]
        for (field, range) in [(0, 0..<4), (1, 5..<7), (2, 8..<10)] {
            for byte in bytes[range] {
                guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return false }
                fields[field] = fields[field] * 10 + Int(byte - UInt8(ascii: "0"))
            }
        }
        return isValid(year: fields[0], month: fields[1], day: fields[2])
    }

    /// Whether `day` exists in `month` of `year` (years 1 to 9999).
    public static func isValid(year: Int, month: Int, day: Int) -> Bool {
        guard (1...9999).contains(year), (1...12).contains(month), day >= 1 else { return false }
        let isLeap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
        let lengths = [31, isLeap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        return day <= lengths[month - 1]
    }
}
