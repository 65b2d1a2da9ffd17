/// Verify's first step: re-walks the hash chain in seq order. The hashes are computed on every core a batch ahead of
/// the walk (each from its row's stored `prev_hash`, which the walk checks against the hash before it), so the
/// result and the problem named are those of hashing one event after another.
struct ChainWalk {
    static let batchSize = 4_096

    let connection: Connection

    /// How many events chain correctly from the genesis, and the first problem found (the walk stops there).
    func run() throws(LedgerError) -> (events: Int64, problem: String?) {
        let events = try connection.prepare(
            "SELECT seq, kind, stream, version, recorded_at, payload_hash, meta, prev_hash, hash FROM events ORDER BY seq")
        var expectedSeq: Int64 = 1
        var previous = EventHasher.genesis
        var problem: String?
        let pipeline = BatchPipeline<ChainRow, String>(
            batchSize: Self.batchSize, label: "adledger.verify-chain", placeholder: "", transform: { $0.map(\.recomputed) })
        try pipeline.run(
            read: { () throws(LedgerError) -> ChainRow? in
                guard try events.step() else { return nil }
                return ChainRow(
                    seq: events.value(at: 0).integer ?? -1, kind: events.text(at: 1) ?? "",
                    stream: events.text(at: 2) ?? "", version: events.value(at: 3).integer ?? -1,
                    recordedAt: events.text(at: 4) ?? "", payloadHash: HashFormat.hex(events.value(at: 5)) ?? "",
                    meta: events.text(at: 6), prevHash: HashFormat.hex(events.value(at: 7)),
                    hash: HashFormat.hex(events.value(at: 8)))
            },
            consume: { row, recomputed in
                problem =
                    row.seq != expectedSeq
                    ? "event seq \(row.seq) follows \(expectedSeq - 1): events are missing"
                    : row.prevHash != previous
                        ? "event seq \(row.seq): prev_hash does not match the hash of seq \(row.seq - 1)"
                        : row.hash != recomputed || EventKind(rawValue: row.kind) == nil
                            ? "event seq \(row.seq): its hash does not match its fields (the event was altered)" : nil
                guard problem == nil else { return false }
                previous = recomputed
                expectedSeq += 1
                return true
            })
        return (expectedSeq - 1, problem)
    }
}
