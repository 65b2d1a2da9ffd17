import JSON

/// Appends events to the hash-chained log. Used only inside a write transaction.
final class EventLog {
    private let connection: Connection
    private let insertPayload: Statement
    private let selectPayloadId: Statement
    private let selectStreamPayloadId: Statement
    private let insertEvent: Statement
    private let selectHead: Statement
    private let selectContextId: Statement
    private let insertContext: Statement
    private let hashFormat: HashFormat
    private let compressor: PayloadCompressor
    /// The seq of the chain's tip: the last event appended or loaded by `loadTip`.
    private(set) var tip: Int64 = 0
    private var lastHash = ChainHash.genesis
    private var lastRecordedAt = ""
    /// The heads this transaction has read or written (`loadTip` empties it: another process may append between
    /// transactions, and a rolled-back one leaves nothing).
    private var heads: [String: StreamHead] = [:]
    /// The `event_contexts` row this transaction read or wrote last (emptied with `heads`: a rolled-back insert is
    /// gone): a transaction's events share their recorded_at, and a run's their meta.
    private var lastContext: (recordedAt: String, meta: String?, id: Int64)?
    /// SQLITE_CONSTRAINT_UNIQUE and SQLITE_CONSTRAINT_PRIMARYKEY.
    private static let uniqueViolation: Int32 = 2067
    private static let primaryKeyViolation: Int32 = 1555

    init(connection: Connection) throws(LedgerError) {
        self.connection = connection
        hashFormat = try HashFormat.read(from: connection)
        compressor = try PayloadCompressor(connection: connection, dictionaries: PayloadDictionaries(connection: connection))
        insertPayload = try connection.prepare(
            "INSERT INTO payloads(hash, encoding, dictionary_id, body, stream_bound) VALUES (?, ?, ?, ?, ?)")
        selectPayloadId = try connection.prepare(Self.selectPayloadId)
        selectStreamPayloadId = try connection.prepare(Self.selectStreamPayloadId)
        insertEvent = try connection.prepare(
            """
            INSERT INTO event_log(seq, kind_id, stream, version, schema_version, payload_id, context_id, hash)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """)
        selectHead = try connection.prepare(StreamHead.select)
        selectContextId = try connection.prepare("SELECT id FROM event_contexts WHERE recorded_at = ? AND meta IS ?")
        insertContext = try connection.prepare("INSERT INTO event_contexts(recorded_at, meta) VALUES (?, ?)")
    }

    /// ``PayloadCompressor/waitsForTrainings``.
    var waitsForTrainings: Bool {
        get { compressor.waitsForTrainings }
        set { compressor.waitsForTrainings = newValue }
    }

    /// Reads the chain's tip and the file's dictionaries; call after taking the write lock.
    func loadTip() throws(LedgerError) {
        try compressor.startTransaction()
        heads.removeAll(keepingCapacity: true)
        lastContext = nil
        let rows = try connection.rows(
            """
            SELECT e.seq, e.hash, c.recorded_at FROM event_log e LEFT JOIN event_contexts c ON c.id = e.context_id
            ORDER BY e.seq DESC LIMIT 1
            """)
        if let row = rows.first, case .integer(let seq) = row[0], let hash = ChainHash(stored: row[1]) {
            // (A tip whose context row is gone is damage `verify` names; the next event's time is then its own.)
            (tip, lastHash, lastRecordedAt) = (seq, hash, row[2].text ?? "")
        } else {
            (tip, lastHash, lastRecordedAt) = (0, .genesis, "")
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

    /// The `recorded_at` of an event appended at time `now`: never earlier than the event before it.
    func recordedAt(now: String) -> String { max(now, lastRecordedAt) }

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
        let recordedAt = recordedAt(now: now)
        let meta = event.meta?.canonicalText
        let chain = EventHasher.chainDigest(
            prev: lastHash, seq: seq, kind: event.kind.rawValue, stream: event.stream, version: version,
            recordedAt: recordedAt, payload: .digest(digest), meta: meta)
        let storedChainHash = chain.value(hashFormat)
        let stored = try compressor.encode(body, kind: event.kind.rawValue, now: now, ahead: compressed)
        let payloadId = try storePayload(
            storedHash, stored,
            lookup: PayloadLookup(namesStream: event.kind.payloadNamesStream, stream: event.stream, version: version))
        do {
            try insertEvent.run(staging: [
                .integer(seq), .integer(event.kind.id), .text(event.stream), .integer(version),
                .integer(Int64(event.schemaVersion)), .integer(payloadId),
                .integer(try contextId(recordedAt: recordedAt, meta: meta)), storedChainHash,
            ])
        } catch .sqlite(let code, _, _) where code == Self.uniqueViolation || code == Self.primaryKeyViolation {
            // Only damage gets here: the log's indexes disagree with its rows (the head and the chain
            // tip are both read from them).
            throw .corrupt(
                path: connection.path,
                message:
                    "event \(seq), version \(version) of stream \(event.stream) already exists"
                    + " (the log's indexes disagree with its rows)")
        }
        heads[event.stream] = StreamHead(version: version, digest: digest)
        (tip, lastHash, lastRecordedAt) = (seq, .digest(chain), recordedAt)
        return StoredEvent(
            seq: seq, kind: event.kind, stream: event.stream, version: version, recordedAt: recordedAt,
            schemaVersion: event.schemaVersion, payloadHash: payloadHash, meta: meta, payload: event.payload)
    }

    /// Appends an event copied from another ledger exactly as it was recorded (same seq, fields and hashes), with its
    /// payload re-encoded; `compact` uses it. Throws `.corrupt` when it does not continue this log's chain.
    func appendCopy(_ event: CopiedEvent) throws(LedgerError) {
        guard event.seq == tip + 1, ChainHash(hex: event.prevHash) == lastHash else {
            throw .corrupt(path: connection.path, message: "event \(event.seq) does not continue the chain at seq \(tip)")
        }
        let stored = try compressor.encode(event.canonicalPayload, kind: event.kind, now: event.recordedAt)
        let namesStream = EventKind(rawValue: event.kind)?.payloadNamesStream ?? false
        let payloadId = try storePayload(
            hashFormat.value(event.payloadHash), stored,
            lookup: PayloadLookup(namesStream: namesStream, stream: event.stream, version: event.version))
        try insertEvent.run([
            .integer(event.seq), .integer(try kindId(event.kind)), .text(event.stream), .integer(event.version),
            .integer(Int64(event.schemaVersion)), .integer(payloadId),
            .integer(try contextId(recordedAt: event.recordedAt, meta: event.meta)), hashFormat.value(event.hash),
        ])
        heads[event.stream] = nil
        (tip, lastHash, lastRecordedAt) = (event.seq, ChainHash(hex: event.hash), event.recordedAt)
    }

    /// Finds the payload whose hash is bound as ?1 among those found by hash (`stream_bound` NULL): a seek in
    /// `payloads_hash_prefix` (schema 13, partial since 16) on the hash's first 8 bytes, then the whole hash compared.
    /// (`+hash`: spelled `hash = ?1`, SQLite would propagate the constant into `substr(hash, 1, 8)`, which then no
    /// longer matches the index's expression, and scan.)
    static let selectPayloadId =
        "SELECT id FROM payloads WHERE substr(hash, 1, 8) = substr(?1, 1, 8) AND +hash = ?1 AND stream_bound IS NULL"

    /// Finds the payload whose hash is bound as ?2 among those of stream ?1's events: a seek in event_log's
    /// UNIQUE(stream, version), then each version's payload row by id.
    static let selectStreamPayloadId = """
        SELECT p.id FROM event_log e JOIN payloads p ON p.id = e.payload_id WHERE e.stream = ?1 AND p.hash = ?2 LIMIT 1
        """

    /// Where an append looks for a stored payload with the same content.
    private enum PayloadLookup {
        /// Nowhere: the content names its stream, which has no earlier version to hold it.
        case none
        /// Among the payloads of the stream's earlier versions (content that names its stream; stored stream-bound).
        case stream(String)
        /// By hash, in `payloads_hash_prefix`.
        case hash

        init(namesStream: Bool, stream: String, version: Int64) {
            self = !namesStream ? .hash : version <= 1 ? .none : .stream(stream)
        }
    }

    /// The row id of the payload whose hash is `storedHash`: the one that already holds the same content (payloads
    /// are stored once), or the row inserted now.
    private func storePayload(
        _ storedHash: SQLValue, _ stored: (encoding: PayloadEncoding, dictionaryId: Int64?, body: [UInt8]),
        lookup: PayloadLookup
    ) throws(LedgerError) -> Int64 {
        let existing: Int64?
        switch lookup {
        case .none: existing = nil
        case .stream(let stream): existing = try firstId(selectStreamPayloadId, [.text(stream), storedHash])
        case .hash: existing = try firstId(selectPayloadId, [storedHash])
        }
        if let existing { return existing }
        let streamBound: SQLValue
        if case .hash = lookup { streamBound = .null } else { streamBound = .integer(1) }
        try insertPayload.run(staging: [
            storedHash, .text(stored.encoding.rawValue), stored.dictionaryId.map(SQLValue.integer) ?? .null,
            .blob(stored.body), streamBound,
        ])
        return connection.lastInsertRowid
    }

    /// The first row's integer column 0 of `statement` run with `values`, if it has a row.
    private func firstId(_ statement: Statement, _ values: [SQLValue]) throws(LedgerError) -> Int64? {
        defer { statement.reset() }
        try statement.bind(values)
        return try statement.step() ? statement.value(at: 0).integer : nil
    }

    /// `kind`'s id in `event_kinds`: fixed for every kind this release writes (schema 13).
    private func kindId(_ kind: String) throws(LedgerError) -> Int64 {
        guard let known = EventKind(rawValue: kind) else {
            throw .corrupt(path: connection.path, message: "an event of unknown kind \(kind) cannot be appended")
        }
        return known.id
    }

    /// The `event_contexts` row holding `recordedAt` and `meta` (inserted when new, schema 14). A transaction's
    /// rows share one: the last one is kept, and only a change of time or meta looks the table up.
    private func contextId(recordedAt: String, meta: String?) throws(LedgerError) -> Int64 {
        if let last = lastContext, last.recordedAt == recordedAt, last.meta == meta { return last.id }
        let arguments: [SQLValue] = [.text(recordedAt), meta.map(SQLValue.text) ?? .null]
        try selectContextId.bind(arguments)
        defer { selectContextId.reset() }
        let id: Int64
        if try selectContextId.step(), case .integer(let existing) = selectContextId.value(at: 0) {
            id = existing
        } else {
            try insertContext.run(arguments)
            id = connection.lastInsertRowid
        }
        lastContext = (recordedAt, meta, id)
        return id
    }

    /// Trains and stores `kind`'s dictionary from `samples` now, so every payload of that kind copied after it is
    /// compressed (not only those after the first `PayloadCompressor.minimumSamples`).
    func primeDictionary(kind: String, samples: [[UInt8]], now: String) throws(LedgerError) {
        try compressor.prime(kind: kind, samples: samples, now: now)
    }
}
