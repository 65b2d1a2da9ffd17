import Normalization

/// Calendar days as users and Meta write them: `YYYY-MM-DD`, naming a real day of the Gregorian calendar.
package enum CalendarDay {
    /// Whether `text` is `YYYY-MM-DD` naming a real day: `2025-02-30`, `2025-13-01` and `12/01/2025` are not.
    package static func isValid(_ text: String) -> Bool { CalendarDate.isValid(text) }

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

}
