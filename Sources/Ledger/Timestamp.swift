import Foundation
import Normalization

/// UTC times as the ledger writes them: ISO 8601 with milliseconds, e.g. `2025-12-20T10:00:00.000Z`.
/// Text of this form sorts in time order, so SQL compares it directly.
package enum Timestamp {
    package static func string(from date: Date) -> String {
        let millis = Int64((date.timeIntervalSince1970 * 1000).rounded(.down))
        let seconds = millis.quotientAndRemainder(dividingBy: 1000)
        var components = gmtCalendar.dateComponents(
            [.year, .month, .day, .hour, .minute, .second], from: Date(timeIntervalSince1970: Double(seconds.quotient)))
        components.nanosecond = 0
        return String(
            format: "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", components.year ?? 0, components.month ?? 0,
            components.day ?? 0, components.hour ?? 0, components.minute ?? 0, components.second ?? 0,
            Int(seconds.remainder))
    }

    private static let gmtCalendar: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? TimeZone(secondsFromGMT: 0) ?? calendar.timeZone
        return calendar
    }()

    /// Reads a user's time: ISO 8601 with `Z` or an offset, a space for `T` (read as UTC), optional
    /// fractional seconds, or a date alone (the end of that day, UTC). Returns the ledger's UTC text.
    /// A time that does not exist (February 30, hour 24, second 60, offset +24:00) is refused, never rolled
    /// over into the next day or minute.
    package static func parseUserTime(_ input: String) throws(LedgerError) -> String {
        let text = input.trimmingCharacters(in: .whitespaces)
        let dateOnly = /^(\d{4})-(\d{2})-(\d{2})$/
        if let m = text.wholeMatch(of: dateOnly) {
            guard let y = Int(m.1), let mo = Int(m.2), let d = Int(m.3), isCalendarDate(y, mo, d) else {
                throw .invalidTime(input)
            }
            return String(format: "%04d-%02d-%02dT23:59:59.999Z", y, mo, d)
        }
        let full = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|z|[+-]\d{2}:?\d{2})?$/
        guard let m = text.wholeMatch(of: full),
            let y = Int(m.1), let mo = Int(m.2), let d = Int(m.3), let h = Int(m.4), let mi = Int(m.5),
            isCalendarDate(y, mo, d), h < 24, mi < 60
        else { throw .invalidTime(input) }
        let s = m.6.flatMap { Int($0) } ?? 0
        guard s < 60 else { throw .invalidTime(input) }
        let fraction = m.7.map { String($0.prefix(3)).padding(toLength: 3, withPad: "0", startingAt: 0) } ?? "000"
        var offsetSeconds = 0
        if let zone = m.8, zone != "Z", zone != "z" {
            let digits = zone.dropFirst().filter(\.isNumber)
            guard digits.count == 4, let hh = Int(digits.prefix(2)), let mm = Int(digits.suffix(2)), hh < 24, mm < 60
            else { throw .invalidTime(input) }
            offsetSeconds = (hh * 3600 + mm * 60) * (zone.first == "-" ? -1 : 1)
        }
        var components = DateComponents()
        (components.year, components.month, components.day) = (y, mo, d)
        (components.hour, components.minute, components.second) = (h, mi, s)
        guard let local = gmtCalendar.date(from: components) else { throw .invalidTime(input) }
        let utc = local.addingTimeInterval(TimeInterval(-offsetSeconds))
        let base = string(from: utc)
        return String(base.dropLast(4)) + fraction + "Z"
    }

    /// Whether `y-m-d` is a day of the Gregorian calendar (the one rule, `CalendarDate`).
    package static func isCalendarDate(_ y: Int, _ m: Int, _ d: Int) -> Bool {
        CalendarDate.isValid(year: y, month: m, day: d)
    }
}
