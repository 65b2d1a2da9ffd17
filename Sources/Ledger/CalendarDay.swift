/// Calendar days as users and Meta write them: `YYYY-MM-DD`, naming a real day of the Gregorian calendar.
package enum CalendarDay {
    /// Whether `text` is `YYYY-MM-DD` naming a real day: `2025-02-30`, `2025-13-01` and `12/01/2025` are not.
    package static func isValid(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-") else { return false }
        func number(_ range: Range<Int>) -> Int? {
            var value = 0
            for byte in bytes[range] {
                guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
                value = value * 10 + Int(byte - UInt8(ascii: "0"))
            }
            return value
        }
        guard let year = number(0..<4), let month = number(5..<7), let day = number(8..<10), year >= 1,
            (1...12).contains(month)
        else { return false }
        return (1...daysIn(month: month, year: year)).contains(day)
    }

    /// Checks a `--since`/`--until` pair: each a real day, and `since` not after `until`.
    package static func checkRange(since: String?, until: String?) throws(LedgerError) {
        for (flag, value) in [("--since", since), ("--until", until)] {
            if let value, !isValid(value) {
                throw .invalidInput(
                    source: "\(flag) \(value)", reason: "not a calendar date; use YYYY-MM-DD, e.g. 2025-12-01")
            }
        }
        if let since, let until, since > until {
            throw .conflict("--since \(since) is after --until \(until); swap them")
        }
    }

    private static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }
}
