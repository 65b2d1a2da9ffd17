import Foundation
import Normalization

/// Calendar days as `YYYY-MM-DD` text, in a given time zone.
enum DayMath {
    static func calendar(_ timeZone: String?) -> Calendar {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone.flatMap(TimeZone.init(identifier:)) ?? TimeZone(identifier: "UTC") ?? calendar.timeZone
        return calendar
    }

    /// Today in `timeZone` (the account's, never the machine's).
    static func today(at now: Date, timeZone: String?) -> String {
        let parts = calendar(timeZone).dateComponents([.year, .month, .day], from: now)
        return String(format: "%04d-%02d-%02d", parts.year ?? 1970, parts.month ?? 1, parts.day ?? 1)
    }

    /// The day `text` names, when it is `YYYY-MM-DD` and a real day (the one rule, `CalendarDate`).
    static func parse(_ text: String) -> DateComponents? {
        guard CalendarDate.isValid(text) else { return nil }
        let parts = text.split(separator: "-").compactMap { Int($0) }
        var components = DateComponents()
        (components.year, components.month, components.day) = (parts[0], parts[1], parts[2])
        return components
    }

    static func adding(_ days: Int, to text: String) -> String {
        let utc = calendar("UTC")
        guard let components = parse(text), let date = utc.date(from: components),
            let moved = utc.date(byAdding: .day, value: days, to: date)
        else { return text }
        return format(moved)
    }

    static func format(_ date: Date) -> String {
        let parts = calendar("UTC").dateComponents([.year, .month, .day], from: date)
        return String(format: "%04d-%02d-%02d", parts.year ?? 1970, parts.month ?? 1, parts.day ?? 1)
    }

    static func days(from since: String, to until: String) -> Int {
        let utc = calendar("UTC")
        guard let a = parse(since).flatMap(utc.date(from:)), let b = parse(until).flatMap(utc.date(from:)) else { return 0 }
        return (utc.dateComponents([.day], from: a, to: b).day ?? 0) + 1
    }

    /// A Monday: chunk boundaries are counted from it, so a 7-day chunk is an ISO week (Monday–Sunday).
    static let boundaryEpoch = "1970-01-05"

    /// The windows covering since…until, cut on fixed calendar boundaries: every `size` days from
    /// ``boundaryEpoch`` (ISO weeks for 7), the first and last clipped to the range. Any two ranges cut with
    /// the same `size` share the windows they both contain whole.
    static func chunks(since: String, until: String, size: Int) -> [(String, String)] {
        let size = max(1, size)
        var result: [(String, String)] = []
        var start = since
        while start <= until, parse(start) != nil {
            let offset = days(from: boundaryEpoch, to: start) - 1
            let intoWindow = ((offset % size) + size) % size
            let end = min(adding(size - 1 - intoWindow, to: start), until)
            result.append((start, end))
            start = adding(1, to: end)
        }
        return result
    }
}
