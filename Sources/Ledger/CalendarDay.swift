import Normalization

/// Calendar days as users and Meta write them: `YYYY-MM-DD`, naming a real day of the Gregorian calendar.
package enum CalendarDay {
    /// Checks a `--since`/`--until` pair: each a real day, and `since` not after `until`.
    package static func checkRange(since: String?, until: String?) throws(LedgerError) {
        for (flag, value) in [("--since", since), ("--until", until)] {
            if let value, !CalendarDate.isValid(value) {
                throw .invalidInput(
                    source: "\(flag) \(value)", reason: "not a calendar date; use YYYY-MM-DD, e.g. 2025-12-01")
            }
        }
        if let since, let until, since > until {
            throw .conflict("--since \(since) is after --until \(until); swap them")
        }
    }
}
