import Ledger

/// The days one account's sync reads: the request's `since`/`until` when given, else a range chosen from
/// today in the account's time zone and the last day the ledger already holds for the account.
struct SyncRange: Sendable, Equatable {
    let since: String
    let until: String

    /// Meta keeps 37 months of insights: a range the request did not name never starts more than this many
    /// days before today.
    static let retentionDays = 37 * 31 - 31

    /// The range for `request`:
    /// - `until`: the request's, else `today`;
    /// - `since`: the request's, else `lookbackDays` before the last covered day (before `today` when
    ///   nothing is covered or `lookbackFromToday`), or before `until` when that is earlier; never before
    ///   Meta's retention floor.
    static func choose(_ request: SyncRequest, today: String, lastCovered: String?) throws(SyncError) -> SyncRange {
        let until = request.until ?? today
        let last = request.lookbackFromToday ? today : lastCovered ?? today
        var since = request.since ?? DayMath.adding(-request.lookbackDays, to: min(last, until))
        let floor = DayMath.adding(-retentionDays, to: today)
        if request.since == nil, since < floor { since = floor }
        guard since <= until else { throw .invalidRange(since: since, until: until) }
        return SyncRange(since: since, until: until)
    }

    /// The consecutive chunks of at most `days` days that cover the range, in order.
    func chunks(accountId: String, days: Int) -> [SyncChunk] {
        DayMath.chunks(since: since, until: until, size: days).map {
            SyncChunk(accountId: accountId, since: $0.0, until: $0.1)
        }
    }
}
