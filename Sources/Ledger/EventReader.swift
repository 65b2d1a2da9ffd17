import JSON

/// Reads stored events in seq order, upcasting old payload schemas.
struct EventReader {
    let connection: Connection

    /// Calls `body` for every event with `seq > after` (and, when given, of the listed kinds / recorded no later
    /// than `until`), in seq order, streaming rather than loading the log into memory.
    func forEach(
        after: Int64 = 0, kinds: [EventKind]? = nil, until: String? = nil,
        _ body: (StoredEvent) throws(LedgerError) -> Void
    ) throws(LedgerError) {
        var sql = "SELECT \(EventLogSQL.columns) FROM \(EventLogSQL.from()) WHERE e.seq > ?"
        var arguments: [SQLValue] = [.integer(after)]
        if let kinds {
            sql += " AND e.kind_id IN (\(EventKindIndex.ids(kinds)))" + EventKindIndex.and("e", kinds: kinds)
        }
        if let until {
            sql += " AND c.recorded_at <= ?"
            arguments.append(.text(until))
        }
        sql += " ORDER BY e.seq"
        let statement = try connection.prepare(sql)
        try statement.bind(arguments)
        let decoder = try PayloadDecoder(connection: connection)
        while try statement.step() {
            try body(try Self.decode(statement, decoder: decoder, path: connection.path))
        }
    }

    static func decode(_ statement: Statement, decoder: PayloadDecoder, path: String) throws(LedgerError)
        -> StoredEvent
    {
        guard case .integer(let seq) = statement.value(at: 0) else {
            throw .corrupt(path: path, message: "an event has no seq")
        }
        guard let kindText = statement.text(at: 1), let kind = EventKind(rawValue: kindText) else {
            throw .corrupt(path: path, message: "event \(seq) has an unknown kind")
        }
        let version = statement.value(at: 3).integer ?? 0
        let schemaVersion = Int(statement.value(at: 5).integer ?? 1)
        guard case .blob(let body) = statement.value(at: 10) else {
            throw .corrupt(path: path, message: "event \(seq) has no payload body")
        }
        let canonical = try decoder.canonicalBytes(
            encoding: statement.text(at: 8), dictionaryId: statement.value(at: 9).integer, body: body, seq: seq)
        let payload = try parsePayload(canonical, seq: seq, path: path)
        return StoredEvent(
            seq: seq, kind: kind, stream: statement.text(at: 2) ?? "", version: version,
            recordedAt: statement.text(at: 4) ?? "", schemaVersion: schemaVersion,
            payloadHash: HashFormat.hex(statement.value(at: 6)) ?? "", meta: statement.text(at: 7),
            payload: Upcaster.upcast(kind: kind, schemaVersion: schemaVersion, payload: payload))
    }

    /// A stored payload body as JSON; a body that is not JSON is damage to the ledger at `path`.
    static func parsePayload(_ body: [UInt8], seq: Int64, path: String) throws(LedgerError) -> JSONValue {
        do {
            return try JSONParser.parse(body)
        } catch {
            throw .corrupt(path: path, message: "event \(seq) payload is not valid JSON (\(error))")
        }
    }
}
