import JSON

/// Appends events to the hash-chained log. Used only inside a write transaction.
final class EventLog {
    private let connection: Connection
    private let insertPayload: Statement
    private let insertEvent: Statement
    private let selectHead: Statement
    private let upsertHead: Statement
    /// The seq of the chain's tip: the last event appended or loaded by `loadTip`.
    private(set) var tip: Int64 = 0
    private var lastHash = EventHasher.genesis
    private var lastRecordedAt = ""
    /// SQLITE_CONSTRAINT_UNIQUE and SQLITE_CONSTRAINT_PRIMARYKEY.
    private static let uniqueViolation: Int32 = 2067
    private static let primaryKeyViolation: Int32 = 1555

    init(connection: Connection) throws(LedgerError) {
        self.connection = connection
        insertPayload = try connection.prepare(
            "INSERT INTO payloads(hash, encoding, body) VALUES (?, 'json', ?) ON CONFLICT(hash) DO NOTHING")
        insertEvent = try connection.prepare(
            """
            INSERT INTO events(seq, kind, stream, version, recorded_at, schema_version, payload_hash, meta, prev_hash, hash)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        selectHead = try connection.prepare("SELECT version, payload_hash FROM stream_heads WHERE stream = ?")
        upsertHead = try connection.prepare(
            """
            INSERT INTO stream_heads(stream, version, payload_hash, seq) VALUES (?, ?, ?, ?)
            ON CONFLICT(stream) DO UPDATE SET version = excluded.version, payload_hash = excluded.payload_hash,
                seq = excluded.seq
            """)
    }

    /// Reads the chain's tip; call after taking the write lock.
    func loadTip() throws(LedgerError) {
        let rows = try connection.rows("SELECT seq, hash, recorded_at FROM events ORDER BY seq DESC LIMIT 1")
        if let row = rows.first, case .integer(let seq) = row[0], let hash = row[1].text, let at = row[2].text {
            (tip, lastHash, lastRecordedAt) = (seq, hash, at)
        } else {
            (tip, lastHash, lastRecordedAt) = (0, EventHasher.genesis, "")
        }
    }

    /// The head of a stream: its latest version and payload hash.
    func head(of stream: String) throws(LedgerError) -> (version: Int64, payloadHash: String)? {
        try selectHead.bind([.text(stream)])
        defer { selectHead.reset() }
        guard try selectHead.step(), case .integer(let version) = selectHead.value(at: 0),
            let hash = selectHead.text(at: 1)
        else { return nil }
        return (version, hash)
    }

    /// Appends one event at time `now` (never earlier than the previous event) and returns it as stored.
    func append(_ event: NewEvent, now: String) throws(LedgerError) -> StoredEvent {
        let body = event.payload.canonicalBytes
        let payloadHash = EventHasher.payloadHash(body)
        let previous = try head(of: event.stream)
        return try append(event, body: body, payloadHash: payloadHash, previousVersion: previous?.version ?? 0, now: now)
    }

    /// Appends unless the stream's latest payload has the same content; returns nil when unchanged.
    func appendIfChanged(_ event: NewEvent, now: String) throws(LedgerError) -> StoredEvent? {
        let body = event.payload.canonicalBytes
        let payloadHash = EventHasher.payloadHash(body)
        let previous = try head(of: event.stream)
        if previous?.payloadHash == payloadHash { return nil }
        return try append(event, body: body, payloadHash: payloadHash, previousVersion: previous?.version ?? 0, now: now)
    }

    private func append(
        _ event: NewEvent, body: [UInt8], payloadHash: String, previousVersion: Int64, now: String
    ) throws(LedgerError) -> StoredEvent {
        let seq = tip + 1
        let version = previousVersion + 1
        let recordedAt = max(now, lastRecordedAt)
        let meta = event.meta?.canonicalText
        let hash = EventHasher.chainHash(
            prevHash: lastHash, seq: seq, kind: event.kind.rawValue, stream: event.stream, version: version,
            recordedAt: recordedAt, payloadHash: payloadHash, meta: meta)
        try insertPayload.run([.text(payloadHash), .blob(body)])
        do {
            try insertEvent.run([
                .integer(seq), .text(event.kind.rawValue), .text(event.stream), .integer(version), .text(recordedAt),
                .integer(Int64(event.schemaVersion)), .text(payloadHash), meta.map(SQLValue.text) ?? .null,
                .text(lastHash), .text(hash),
            ])
        } catch .sqlite(let code, _, _) where code == Self.uniqueViolation || code == Self.primaryKeyViolation {
            // Only damage gets here: stream_heads or the chain tip disagrees with the events table.
            throw .corrupt(
                path: connection.path,
                message: "event \(seq), version \(version) of stream \(event.stream) already exists (stream_heads or the chain tip disagrees with the log)")
        }
        try upsertHead.run([.text(event.stream), .integer(version), .text(payloadHash), .integer(seq)])
        (tip, lastHash, lastRecordedAt) = (seq, hash, recordedAt)
        return StoredEvent(
            seq: seq, kind: event.kind, stream: event.stream, version: version, recordedAt: recordedAt,
            schemaVersion: event.schemaVersion, payloadHash: payloadHash, meta: meta, payload: event.payload)
    }
}
