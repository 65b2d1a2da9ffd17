/// Verify's first step: re-walks the hash chain in seq order. The hashes are computed on every core a batch ahead of
/// the walk (each after the hash stored on the event before, which the walk has checked by then), so the result and
/// the problem named are those of hashing one event after another.
struct ChainWalk {
    static let batchSize = 4_096

    /// Where the walk's statement holds each field.
    static let columns = ChainRow.Columns(
        seq: 0, kind: 1, stream: 2, version: 3, recordedAt: 4, payloadHash: 5, meta: 6, hash: 7, complete: 8)

    let connection: Connection
    /// The events already known to chain from the genesis (`LogAudit`): the walk starts after event `seq`, whose
    /// stored hash is `hash`.
    var confirmed: (seq: Int64, hash: ChainHash?) = (0, .genesis)

    /// How many events chain correctly from the genesis, and the first problem found (the walk stops there). An event
    /// whose payload row is missing is passed over here (its hash cannot be recomputed without the payload's): the
    /// projections' replay, which reads every payload, names it.
    func run() throws(LedgerError) -> (events: Int64, problem: String?) {
        let events = try connection.prepare(
            """
            SELECT e.seq, k.name, e.stream, e.version, c.recorded_at, p.hash, c.meta, e.hash,
                   k.id IS NOT NULL AND c.id IS NOT NULL
            FROM \(EventLogSQL.from(keepsMissingPayloads: true)) WHERE e.seq > ? ORDER BY e.seq
            """)
        try events.bind([.integer(confirmed.seq)])
        var expectedSeq = confirmed.seq + 1
        // Each row is hashed after the hash stored on the row before, which the walk has compared with that row's
        // recomputed hash by the time it reaches this one.
        var storedBefore = confirmed.hash
        var problem: String?
        let pipeline = BatchPipeline<ChainRow, PayloadDigest>(
            batchSize: Self.batchSize, label: "adledger.verify-chain", placeholder: .zero,
            transform: { $0.map(\.recomputed) })
        try pipeline.run(
            read: { () throws(LedgerError) -> ChainRow? in
                guard try events.step() else { return nil }
                let row = ChainRow(reading: events, at: Self.columns, after: storedBefore)
                storedBefore = row.hash
                return row
            },
            consume: { row, recomputed in
                if row.seq != expectedSeq {
                    problem = "event seq \(row.seq) follows \(expectedSeq - 1): events are missing"
                } else if !row.isIntact(recomputed: recomputed) {
                    // (A missing payload is the replay's to name; the walk goes on from the hash stored.)
                    problem = "event seq \(row.seq): its hash does not match its fields (the event was altered)"
                }
                guard problem == nil else { return false }
                expectedSeq += 1
                return true
            })
        return (expectedSeq - 1, problem)
    }
}
