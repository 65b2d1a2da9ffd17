/// Whether 8 ASCII digits read as a calendar date.
enum DigitDate {
    /// The years a date-like token may name.
    static let years = 1900...2100

    /// True when `digits` (8 ASCII digits) reads as YYYYMMDD, DDMMYYYY or MMDDYYYY with a real
    /// day of a real month in `years`.
    static func isDate(_ digits: ArraySlice<UInt8>) -> Bool {
        guard digits.count == 8 else { return false }
        var values: [Int] = []
        values.reserveCapacity(8)
        for byte in digits {
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return false }
            values.append(Int(byte - UInt8(ascii: "0")))
        }
        func number(_ from: Int, _ count: Int) -> Int {
            values[from..<(from + count)].reduce(0) { $0 * 10 + $1 }
        }
        return isValid(year: number(0, 4), month: number(4, 2), day: number(6, 2))
            || isValid(year: number(4, 4), month: number(2, 2), day: number(0, 2))
            || isValid(year: number(4, 4), month: number(0, 2), day: number(2, 2))
    }

    /// True when `day` exists in `month` of `year` (Gregorian) and `year` is in `years`.
    static func isValid(year: Int, month: Int, day: Int) -> Bool {
        guard years.contains(year), (1...12).contains(month), day >= 1 else { return false }
        let isLeap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
        let lengths = [31, isLeap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        return day <= lengths[month - 1]
    }
}
