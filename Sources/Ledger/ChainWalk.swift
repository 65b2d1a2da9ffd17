import Dispatch

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
        let queue = DispatchQueue(label: "adledger.verify-chain", qos: .userInitiated)
        var expectedSeq: Int64 = 1
        var previous = EventHasher.genesis
        var pending: (batch: ConcurrentBatch<ChainRow, String>, group: DispatchGroup)?
        // A statement stepped again after its last row starts over: stop at the first short batch.
        var exhausted = false
        while true {
            var rows: [ChainRow] = []
            rows.reserveCapacity(Self.batchSize)
            while !exhausted, rows.count < Self.batchSize {
                guard try events.step() else {
                    exhausted = true
                    break
                }
                rows.append(
                    ChainRow(
                        seq: events.value(at: 0).integer ?? -1, kind: events.text(at: 1) ?? "",
                        stream: events.text(at: 2) ?? "", version: events.value(at: 3).integer ?? -1,
                        recordedAt: events.text(at: 4) ?? "", payloadHash: HashFormat.hex(events.value(at: 5)) ?? "",
                        meta: events.text(at: 6), prevHash: HashFormat.hex(events.value(at: 7)),
                        hash: HashFormat.hex(events.value(at: 8))))
            }
            var next: (batch: ConcurrentBatch<ChainRow, String>, group: DispatchGroup)?
            if !rows.isEmpty {
                let batch = ConcurrentBatch(rows, placeholder: "")
                let group = DispatchGroup()
                queue.async(group: group) { batch.run { $0.map(\.recomputed) } }
                next = (batch, group)
            }
            if let pending {
                pending.group.wait()
                for (index, row) in pending.batch.inputs.enumerated() {
                    let recomputed = pending.batch[index]
                    let problem: String? =
                        row.seq != expectedSeq
                        ? "event seq \(row.seq) follows \(expectedSeq - 1): events are missing"
                        : row.prevHash != previous
                            ? "event seq \(row.seq): prev_hash does not match the hash of seq \(row.seq - 1)"
                            : row.hash != recomputed || EventKind(rawValue: row.kind) == nil
                                ? "event seq \(row.seq): its hash does not match its fields (the event was altered)" : nil
                    if let problem {
                        next?.group.wait()
                        return (expectedSeq - 1, problem)
                    }
                    previous = recomputed
                    expectedSeq += 1
                }
            }
            guard let next else { break }
            pending = next
        }
        return (expectedSeq - 1, nil)
    }
}
