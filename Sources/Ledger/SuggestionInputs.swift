/// What one `Ledger`'s own events changed of `match_suggestions`' inputs since the table was last known up to date
/// at log tip ``tip``: the ads whose latest names may have changed (their `insight.fetched` events), and whether
/// anything else it depends on did (another input kind, or an event another process appended). With only ads noted,
/// ``SuggestionBuilder/refresh(ads:)`` brings the table up to date; otherwise it is rebuilt whole.
final class SuggestionInputs {
    /// The log's tip as this ledger last left it: the table was up to date there, and every event after it, up to
    /// here, was noted.
    private(set) var tip: Int64
    /// The ads of the `insight.fetched` events noted (a rolled-back transaction's too: recomputing an ad whose rows
    /// did not change gives the rows it had).
    private(set) var ads = Set<String>()
    /// Something besides the noted ads' names may have changed: only a rebuild is sure to be right.
    private(set) var othersChanged = false

    init(tip: Int64) {
        self.tip = tip
    }

    /// Whether ``SuggestionBuilder/refresh(ads:)`` of ``ads`` gives the rows a rebuild at log tip `current` gives.
    func coversLog(through current: Int64) -> Bool { !othersChanged && current == tip }

    /// Notes the start of a write transaction that found the log's tip at `current`: anything other than this
    /// ledger's own last commit means another process appended events this ledger did not see.
    func transactionStarted(at current: Int64) {
        if current != tip { othersChanged = true }
    }

    /// Notes that this ledger's transaction committed, leaving the tip at `current`.
    func committed(at current: Int64) { tip = current }

    /// Notes an event this ledger applied: one of another kind suggestions depend on changes more than ads' names
    /// (an `insight.fetched` event's ad is noted by ``note(ad:)`` when its row is written).
    func note(_ kind: EventKind) {
        if kind != .insightFetched && SuggestionBuilder.inputKinds.contains(kind) { othersChanged = true }
    }

    /// Notes that `ad`'s performance row was written.
    func note(ad: String) { ads.insert(ad) }
}
