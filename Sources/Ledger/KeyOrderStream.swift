/// The walk in key order (`ProjectionMerge.runInKeyOrder`) fed one fresh row at a time by a pass that reads them in
/// key order anyway (the summaries' build reads every performance row so, `SummaryBuild`), with the live rows read in
/// the same order on a connection and a thread of their own (`LiveRowFeed`): a rebuild then compares its performance
/// rows with no statement stepped for it on the writer's connection, and the live rows need no digest.
///
/// Only for a table whose schema holds each key once on both sides (`ProjectionMerge.keysAreUnique`): then the keys
/// alone order the rows as the walk's `ORDER BY` does, and the pairs are the walk's.
struct KeyOrderStream {
    /// What the walk found, and the key buckets (`KeyBucket`) of the rows that differ, in order.
    struct Walked: Sendable {
        let outcome: ProjectionMerge.Outcome
        let differingBuckets: [Int]
    }

    private let merge: ProjectionMerge
    private let feed: LiveRowFeed
    private let keyIndexes: [Int]
    private var outcome: ProjectionMerge.Outcome
    private var differing: [Bool]
    /// The live row not yet paired, if one was read.
    private var live: GatheredRow?
    private var liveEnded = false
    private var failed = false
    /// Whether each key bucket holds a row that differs.
    private var buckets = [Bool](repeating: false, count: KeyBucket.count)

    /// Starts reading the live rows `merge` walks from the ledger at `path`.
    init(merge: ProjectionMerge, path: String) {
        self.merge = merge
        feed = merge.liveRows(merge.liveQuery, from: path)
        keyIndexes = merge.keyIndexes
        outcome = merge.start
        differing = [Bool](repeating: false, count: merge.columns.count)
    }

    /// Takes the next fresh row in key order, whose key falls in `bucket`.
    mutating func add(_ built: GatheredRow, bucket: Int) {
        while !failed {
            fetchLive()
            guard !failed else { return }
            let changed = outcome.changed
            switch merge.pair(live: live, built: built, keyIndexes: keyIndexes, into: &outcome, differing: &differing) {
            case .live:
                markRemoved()
            case .built:
                buckets[bucket] = true
                return
            case .both:
                if outcome.changed > changed { buckets[bucket] = true }
                live = nil
                return
            }
        }
    }

    /// The walk's findings once every fresh row was added: the live rows left are removed ones. Nil when the live
    /// rows could not be read (the comparison then walks as it would without this).
    mutating func finish() -> Walked? {
        while !failed {
            fetchLive()
            guard !failed, live != nil else { break }
            _ = merge.pair(
                live: live, built: nil as GatheredRow?, keyIndexes: keyIndexes, into: &outcome, differing: &differing)
            markRemoved()
        }
        feed.close()
        guard !failed else { return nil }
        return Walked(outcome: outcome, differingBuckets: buckets.indices.filter { buckets[$0] })
    }

    /// Reads the next live row unless one is waiting or they ran out.
    private mutating func fetchLive() {
        guard live == nil, !liveEnded else { return }
        switch feed.step() {
        case .row(let row): live = row
        case .end: liveEnded = true
        case .failed: failed = true
        }
    }

    /// Notes the waiting live row as removed (its bucket differs) and lets it go.
    private mutating func markRemoved() {
        guard let live else { return }
        var hash = KeyBucket.Hash()
        for index in keyIndexes { hash.feed(live, at: index) }
        buckets[hash.bucket] = true
        self.live = nil
    }
}
