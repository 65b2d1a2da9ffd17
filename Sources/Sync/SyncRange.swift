import Ledger

/// The days one account's sync reads: the request's `since`/`until` when given, else a range chosen from
/// today in the account's time zone and the last day a completed chunk of the account covered.
struct SyncRange: Sendable, Equatable {
    let since: String
    let until: String

    /// Meta keeps 37 months of insights: a range the request did not name never starts more than this many
    /// days before today.
    static let retentionDays = 37 * 31 - 31

    /// The range for `request`:
    /// - `until`: the request's, else `today`;
    /// - `since`: the request's, else `lookbackDays` before the last day fully covered (`lastCovered`: the
    ///   last day of a completed chunk), or before `today` on a first sync, or before `until` when that is
    ///   earlier; never before Meta's retention floor.
    static func choose(_ request: SyncRequest, today: String, lastCovered: String?) throws(SyncError) -> SyncRange {
        let until = request.until ?? today
        let last = min(lastCovered ?? today, today)
        var since = request.since ?? DayMath.adding(-request.lookbackDays, to: min(last, until))
        let floor = retentionFloor(today: today)
        if request.since == nil, since < floor { since = floor }
        guard since <= until else { throw .invalidRange(since: since, until: until) }
        return SyncRange(since: since, until: until)
    }

    /// The first day Meta still keeps on `today`.
    static func retentionFloor(today: String) -> String { DayMath.adding(-retentionDays, to: today) }

    /// The chunks that cover the range, in order: fixed calendar windows of `days` days (ISO weeks for 7),
    /// clipped to the range.
    func chunks(accountId: String, days: Int) -> [SyncChunk] {
        DayMath.chunks(since: since, until: until, size: days).map {
            SyncChunk(accountId: accountId, since: $0.0, until: $0.1)
        }
    }
}
