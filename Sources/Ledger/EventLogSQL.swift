/// How adledger's own readers read the log (schemas 13 and 14): `event_log` joined to the kind's name, the payload
/// (by row id) and the context (recorded_at and meta), as the `events` view joins them for SQL users (without its
/// `prev_hash`).
enum EventLogSQL {
    /// The event columns in `events`' order up to `meta` (seq, kind, stream, version, recorded_at, schema_version,
    /// payload_hash, meta), then the payload's encoding, dictionary_id and body: columns 0–10.
    static let columns = """
        e.seq, k.name, e.stream, e.version, c.recorded_at, e.schema_version, p.hash, c.meta,
        p.encoding, p.dictionary_id, p.body
        """

    /// The stored hash of the event before `e` (its `prev_hash`), NULL for seq 1, whose `prev_hash` is
    /// ``EventHasher/genesis``.
    static let previousHash = "CASE WHEN e.seq = 1 THEN NULL ELSE (SELECT b.hash FROM event_log b WHERE b.seq = e.seq - 1) END"

    /// `event_log e` with its kind `k`, payload `p` (left out when missing unless `keepsMissingPayloads`) and
    /// context `c` (recorded_at and meta), in `schema` (e.g. `main`, where temp tables might shadow them) when given.
    static func from(schema: String? = nil, keepsMissingPayloads: Bool = false) -> String {
        let s = schema.map { "\($0)." } ?? ""
        return """
            \(s)event_log e LEFT JOIN \(s)event_kinds k ON k.id = e.kind_id
                \(keepsMissingPayloads ? "LEFT JOIN" : "JOIN") \(s)payloads p ON p.id = e.payload_id
                LEFT JOIN \(s)event_contexts c ON c.id = e.context_id
            """
    }
}
