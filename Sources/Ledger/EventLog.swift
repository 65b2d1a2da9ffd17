import JSON

/// Appends events to the hash-chained log. Used only inside a write transaction.
final class EventLog {
    private let connection: Connection
    private let insertPayload: Statement
    private let insertEvent: Statement
    private let selectHead: Statement
    private let hashFormat: HashFormat
    private let compressor: PayloadCompressor
    /// The seq of the chain's tip: the last event appended or loaded by `loadTip`.
    private(set) var tip: Int64 = 0
    private var lastHash = EventHasher.genesis
    /// `lastHash` as the file stores it, when the last append computed it (each event's hash is the next one's
    /// `prev_hash`: converted once).
    private var lastStoredHash: SQLValue?
    private var lastRecordedAt = ""
    /// The heads this transaction has read or written (`loadTip` empties it: another process may append between
    /// transactions, and a rolled-back one leaves nothing).
    private var heads: [String: StreamHead] = [:]
    /// SQLITE_CONSTRAINT_UNIQUE and SQLITE_CONSTRAINT_PRIMARYKEY.
    private static let uniqueViolation: Int32 = 2067
    private static let primaryKeyViolation: Int32 = 1555

    init(connection: Connection) throws(LedgerError) {
        self.connection = connection
        hashFormat = try HashFormat.read(from: connection)
        compressor = try PayloadCompressor(connection: connection, dictionaries: PayloadDictionaries(connection: connection))
        insertPayload = try connection.prepare(
            "INSERT INTO payloads(hash, encoding, dictionary_id, body) VALUES (?, ?, ?, ?) ON CONFLICT(hash) DO NOTHING")
        insertEvent = try connection.prepare(
            """
            INSERT INTO events(seq, kind, stream, version, recorded_at, schema_version, payload_hash, meta, prev_hash, hash)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        selectHead = try connection.prepare(StreamHead.select)
    }

    /// Reads the chain's tip and the file's dictionaries; call after taking the write lock.
    func loadTip() throws(LedgerError) {
        try compressor.startTransaction()
        heads.removeAll(keepingCapacity: true)
        let rows = try connection.rows("SELECT seq, hash, recorded_at FROM events ORDER BY seq DESC LIMIT 1")
        if let row = rows.first, case .integer(let seq) = row[0], let hash = HashFormat.hex(row[1]),
            let at = row[2].text
        {
            (tip, lastHash, lastRecordedAt, lastStoredHash) = (seq, hash, at, nil)
        } else {
            (tip, lastHash, lastRecordedAt, lastStoredHash) = (0, EventHasher.genesis, "", nil)
        }
    }

    /// The head of a stream: its latest version and payload hash.
    func head(of stream: String) throws(LedgerError) -> (version: Int64, payloadHash: String)? {
        let head = try cachedHead(of: stream)
        guard head.version > 0, let digest = head.digest else { return nil }
        return (head.version, digest.hex)
    }

    /// A stream's head as this transaction knows it: read once from the log (``StreamHead/select``), then kept up
    /// to date by each append (version 0 for a stream with no events).
    private func cachedHead(of stream: String) throws(LedgerError) -> StreamHead {
        if let known = heads[stream] { return known }
        try selectHead.bind([.text(stream)])
        defer { selectHead.reset() }
        var head = StreamHead.none
        if try selectHead.step(), case .integer(let version) = selectHead.value(at: 0) {
            head = StreamHead(version: version, digest: PayloadDigest(stored: selectHead.value(at: 1)))
        }
        heads[stream] = head
        return head
    }

    /// Appends one event at time `now` (never earlier than the previous event) and returns it as stored.
    func append(_ event: NewEvent, now: String) throws(LedgerError) -> StoredEvent {
        let body = event.payload.canonicalBytes
        let digest = body.withUnsafeBytes { PayloadDigest(of: $0) }
        let previous = try cachedHead(of: event.stream)
        return try append(event, body: body, digest: digest, previousVersion: previous.version, now: now)
    }

    /// Appends unless the stream's latest payload has the same content; returns nil when unchanged.
    func appendIfChanged(_ event: NewEvent, now: String) throws(LedgerError) -> StoredEvent? {
        try appendIfChanged(event, canonical: event.payload.canonicalBytes, now: now)
    }

    /// `appendIfChanged(_:now:)` for a payload whose canonical bytes the caller already has.
    func appendIfChanged(_ event: NewEvent, canonical body: [UInt8], now: String) throws(LedgerError) -> StoredEvent? {
        try appendIfChanged(event, canonical: body, digest: body.withUnsafeBytes { PayloadDigest(of: $0) }, now: now)
    }

    /// `appendIfChanged(_:now:)` for a payload whose canonical bytes and their digest the caller already has, and
    /// perhaps its body compressed ahead (see ``PayloadCompressor/encode(_:kind:now:ahead:)``).
    ///
    /// - Parameter committed: the stream's head as committed when this transaction began, when the caller read it
    ///   already (``StreamHeadProbe``, inside this transaction); what this transaction appended to it still wins.
    func appendIfChanged(
        _ event: NewEvent, canonical body: [UInt8], digest: PayloadDigest, now: String,
        compressed: (dictionaryId: Int64, body: [UInt8])? = nil, committed: StreamHead? = nil
    ) throws(LedgerError) -> StoredEvent? {
        // A committed head needs no keeping: an append keeps the head it makes, and nothing else changes it.
        let previous: StreamHead
        if let known = heads[event.stream] {
            previous = known
        } else if let committed {
            previous = committed
        } else {
            previous = try cachedHead(of: event.stream)
        }
        if previous.digest == digest { return nil }
        return try append(
            event, body: body, digest: digest, previousVersion: previous.version, now: now, compressed: compressed)
    }

    /// The dictionary the next payload of `kind` would be compressed with (nil when none yet).
    func currentDictionary(kind: EventKind) throws(LedgerError) -> ZstdDictionary? {
        try compressor.currentDictionary(kind: kind.rawValue)
    }

    /// True when `stream`'s latest payload is the one whose canonical bytes are `canonical`: the whole check an
    /// unchanged row needs (no tree, no event).
    func isUnchanged(stream: String, canonical: UnsafeRawBufferPointer) throws(LedgerError) -> Bool {
        let head = try cachedHead(of: stream)
        guard head.version > 0, let stored = head.digest else { return false }
        return stored == PayloadDigest(of: canonical)
    }

    private func append(
        _ event: NewEvent, body: [UInt8], digest: PayloadDigest, previousVersion: Int64, now: String,
        compressed: (dictionaryId: Int64, body: [UInt8])? = nil
    ) throws(LedgerError) -> StoredEvent {
        let payloadHash = digest.hex
        let storedHash = digest.value(hashFormat)
        let seq = tip + 1
        let version = previousVersion + 1
        let recordedAt = max(now, lastRecordedAt)
        let meta = event.meta?.canonicalText
        let hash = EventHasher.chainHash(
            prevHash: lastHash, seq: seq, kind: event.kind.rawValue, stream: event.stream, version: version,
            recordedAt: recordedAt, payloadHash: payloadHash, meta: meta)
        let storedChainHash = hashFormat.value(hash)
        let stored = try compressor.encode(body, kind: event.kind.rawValue, now: now, ahead: compressed)
        try insertPayload.run([
            storedHash, .text(stored.encoding.rawValue), stored.dictionaryId.map(SQLValue.integer) ?? .null,
            .blob(stored.body),
        ])
        do {
            try insertEvent.run([
                .integer(seq), .text(event.kind.rawValue), .text(event.stream), .integer(version), .text(recordedAt),
                .integer(Int64(event.schemaVersion)), storedHash, meta.map(SQLValue.text) ?? .null,
                lastStoredHash ?? hashFormat.value(lastHash), storedChainHash,
            ])
        } catch .sqlite(let code, _, _) where code == Self.uniqueViolation || code == Self.primaryKeyViolation {
            // Only damage gets here: the events table's indexes disagree with its rows (the head and the chain
            // tip are both read from them).
            throw .corrupt(
                path: connection.path,
                message:
                    "event \(seq), version \(version) of stream \(event.stream) already exists"
                    + " (the log's indexes disagree with its rows)")
        }
        heads[event.stream] = StreamHead(version: version, digest: digest)
        (tip, lastHash, lastRecordedAt, lastStoredHash) = (seq, hash, recordedAt, storedChainHash)
        return StoredEvent(
            seq: seq, kind: event.kind, stream: event.stream, version: version, recordedAt: recordedAt,
            schemaVersion: event.schemaVersion, payloadHash: payloadHash, meta: meta, payload: event.payload)
    }

    /// Appends an event copied from another ledger exactly as it was recorded (same seq, fields and hashes), with its
    /// payload re-encoded; `compact` uses it. Throws `.corrupt` when it does not continue this log's chain.
    func appendCopy(_ event: CopiedEvent) throws(LedgerError) {
        guard event.seq == tip + 1, event.prevHash == lastHash else {
            throw .corrupt(path: connection.path, message: "event \(event.seq) does not continue the chain at seq \(tip)")
        }
        let stored = try compressor.encode(event.canonicalPayload, kind: event.kind, now: event.recordedAt)
        try insertPayload.run([
            hashFormat.value(event.payloadHash), .text(stored.encoding.rawValue),
            stored.dictionaryId.map(SQLValue.integer) ?? .null, .blob(stored.body),
        ])
        try insertEvent.run([
            .integer(event.seq), .text(event.kind), .text(event.stream), .integer(event.version), .text(event.recordedAt),
            .integer(Int64(event.schemaVersion)), hashFormat.value(event.payloadHash), event.meta.map(SQLValue.text) ?? .null,
            hashFormat.value(event.prevHash), hashFormat.value(event.hash),
        ])
        heads[event.stream] = nil
        (tip, lastHash, lastRecordedAt, lastStoredHash) = (event.seq, event.hash, event.recordedAt, nil)
    }

    /// Trains and stores `kind`'s dictionary from `samples` now, so every payload of that kind copied after it is
    /// compressed (not only those after the first `PayloadCompressor.minimumSamples`).
    func primeDictionary(kind: String, samples: [[UInt8]], now: String) throws(LedgerError) {
        try compressor.prime(kind: kind, samples: samples, now: now)
    }
}
