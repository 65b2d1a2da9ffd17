/// One row of `events` as verify's chain walk reads it, with the chain hash recomputed from its stored `prev_hash`.
struct ChainRow: Sendable {
    let seq: Int64
    let kind: String
    let stream: String
    let version: Int64
    let recordedAt: String
    let payloadHash: String
    let meta: String?
    /// The stored `prev_hash` and `hash`, as hex.
    let prevHash: String?
    let hash: String?

    /// The chain hash of the row's fields after its stored `prev_hash`: the right hash when `prev_hash` is the hash
    /// of the event before (which the walk checks first).
    var recomputed: String {
        EventHasher.chainHash(
            prevHash: prevHash ?? "", seq: seq, kind: kind, stream: stream, version: version, recordedAt: recordedAt,
            payloadHash: payloadHash, meta: meta)
    }
}
