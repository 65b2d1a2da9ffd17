/// One event as verify's chain walk reads it from `event_log`, with the chain hash recomputed after the hash stored
/// on the event before it (its `prev_hash`, which the `events` view gives the same way).
struct ChainRow: Sendable {
    let seq: Int64
    let kind: String
    let stream: String
    let version: Int64
    let recordedAt: String
    /// The payload's hash; nil when the payload row is missing (the projections' replay names that event).
    let payloadHash: ChainHash?
    let meta: String?
    /// The stored hash of the event before (the genesis for the first), and this one's.
    let prevHash: ChainHash?
    let hash: ChainHash?
    /// False when the row names a kind or meta row that is not there (damage: its hash cannot match).
    let complete: Bool

    /// The chain hash of the row's fields after `prevHash`: the right hash when every event before is unaltered
    /// (which the walk checks first).
    var recomputed: PayloadDigest {
        EventHasher.chainDigest(
            prev: prevHash ?? .text(""), seq: seq, kind: kind, stream: stream, version: version,
            recordedAt: recordedAt, payload: payloadHash ?? .text(""), meta: meta)
    }

    /// Whether the row's stored hash is `recomputed` and its kind and context rows are there, as an unaltered event's
    /// are. A row whose payload is missing passes: its hash cannot be recomputed without the payload's, and the
    /// projections' replay names the event.
    func isIntact(recomputed: PayloadDigest) -> Bool {
        payloadHash == nil || (hash == .digest(recomputed) && complete && EventKind(rawValue: kind) != nil)
    }
}

extension ChainRow {
    /// Where a statement's row holds each field the chain hashes.
    struct Columns {
        let seq, kind, stream, version, recordedAt, payloadHash, meta, hash, complete: Int
    }

    /// The event on `statement`'s current row, hashed after `prevHash` (the hash stored on the event before it).
    init(reading statement: Statement, at columns: Columns, after prevHash: ChainHash?) {
        self.init(
            seq: statement.value(at: columns.seq).integer ?? -1, kind: statement.text(at: columns.kind) ?? "",
            stream: statement.text(at: columns.stream) ?? "",
            version: statement.value(at: columns.version).integer ?? -1,
            recordedAt: statement.text(at: columns.recordedAt) ?? "",
            payloadHash: ChainHash(stored: statement.value(at: columns.payloadHash)),
            meta: statement.text(at: columns.meta), prevHash: prevHash,
            hash: ChainHash(stored: statement.value(at: columns.hash)),
            complete: statement.value(at: columns.complete).integer == 1)
    }
}
