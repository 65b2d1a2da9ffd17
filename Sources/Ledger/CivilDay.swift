/// Days as numbers (days since 1970-01-01) and back, for bucketing `YYYY-MM-DD` text without a calendar.
enum CivilDay {
    /// The day number of `YYYY-MM-DD`, or nil.
    static func number(_ text: String) -> Int? {
        let parts = text.split(separator: "-")
        guard parts.count == 3, let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]) else { return nil }
        // Howard Hinnant's days_from_civil.
        let year = m <= 2 ? y - 1 : y
        let era = (year >= 0 ? year : year - 399) / 400
        let yoe = year - era * 400
        let doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// `YYYY-MM-DD` of a day number.
    static func text(_ number: Int) -> String {
        let z = number + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        let y = yoe + era * 400 + (m <= 2 ? 1 : 0)
        return "\(pad(y, 4))-\(pad(m, 2))-\(pad(d, 2))"
    }

    /// The Monday on or before a day number (1970-01-01 was a Thursday).
    static func monday(_ number: Int) -> Int { number - ((number % 7 + 7 + 3) % 7) }

    /// Every bucket label of `unit` (day, week or month) from the one holding `first` to the one holding `last`.
    static func buckets(_ unit: ReportGrouping, from first: String, to last: String) -> [String] {
        guard let start = number(first), let end = number(last), start <= end else { return [] }
        switch unit {
        case .week: return stride(from: monday(start), through: end, by: 7).map(text)
        case .month:
            var labels: [String] = []
            var month = String(first.prefix(7))
            let lastMonth = String(last.prefix(7))
            while month <= lastMonth, labels.count < 1_200 {
                labels.append(month)
                guard let next = number(month + "-28") else { break }
                month = String(text(next + 4).prefix(7))
            }
            return labels
        default: return (start...end).map(text)
        }
    }

    private static func pad(_ value: Int, _ width: Int) -> String {
        let digits = String(value)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}
