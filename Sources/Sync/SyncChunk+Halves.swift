import Ledger

extension SyncChunk {
    /// The two ranges asked for when Meta cannot produce this one (a failed report job): the first half
    /// holds the smaller half of an odd day count. Nil for a single day, which cannot be split.
    var halves: (first: SyncChunk, second: SyncChunk)? {
        guard since < until else { return nil }
        let middle = DayMath.adding(DayMath.days(from: since, to: until) / 2 - 1, to: since)
        return (
            SyncChunk(accountId: accountId, since: since, until: middle),
            SyncChunk(accountId: accountId, since: DayMath.adding(1, to: middle), until: until)
        )
    }
}
