import CSQLite

/// `adledger_payload(seq)`: the canonical JSON text of event `seq`'s payload, whatever its encoding, for SQL
/// (`events`, the shell, the `meta_ads_actions` view). A payload that cannot be read fails the statement with the
/// same one-line message `LedgerError.corrupt` gives.
enum PayloadFunction {
    static let name = "adledger_payload"

    /// Holds what the function needs; owned by SQLite from registration until the connection closes. It refers to
    /// the connection without retaining it (and keeps no statement), so closing the connection releases it.
    private final class Context {
        unowned let connection: Connection
        let decoder: PayloadDecoder

        init(connection: Connection) throws(LedgerError) {
            self.connection = connection
            decoder = try PayloadDecoder(connection: connection)
        }

        func text(seq: Int64) throws(LedgerError) -> [UInt8]? {
            let select = try connection.prepare(
                "SELECT p.encoding, p.dictionary_id, p.body FROM event_log e JOIN payloads p ON p.id = e.payload_id WHERE e.seq = ?")
            try select.bind([.integer(seq)])
            guard try select.step() else { return nil }
            guard case .blob(let body) = select.value(at: 2) else {
                throw .corrupt(path: connection.path, message: "event \(seq): its payload has no body")
            }
            return try decoder.canonicalBytes(
                encoding: select.text(at: 0), dictionaryId: select.value(at: 1).integer, body: body, seq: seq)
        }
    }

    /// Registers the function on `connection` (the connection must outlive nothing it registers: SQLite drops the
    /// function, and releases its context, when the connection closes).
    static func register(on connection: Connection) throws(LedgerError) {
        let context = try Context(connection: connection)
        let pointer = Unmanaged.passRetained(context).toOpaque()
        let code = sqlite3_create_function_v2(
            connection.handle, name, 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC, pointer,
            { sqliteContext, _, arguments in
                guard let sqliteContext, let arguments, let user = sqlite3_user_data(sqliteContext) else { return }
                let context = Unmanaged<Context>.fromOpaque(user).takeUnretainedValue()
                guard sqlite3_value_type(arguments[0]) == SQLITE_INTEGER else { return sqlite3_result_null(sqliteContext) }
                do {
                    guard let bytes = try context.text(seq: sqlite3_value_int64(arguments[0])) else {
                        return sqlite3_result_null(sqliteContext)
                    }
                    bytes.withUnsafeBytes { raw in
                        sqlite3_result_text(
                            sqliteContext, raw.baseAddress?.assumingMemoryBound(to: CChar.self), Int32(raw.count),
                            adl_sqlite_transient())
                    }
                } catch {
                    sqlite3_result_error(sqliteContext, "\(error)", -1)
                }
            }, nil, nil,
            { user in if let user { Unmanaged<Context>.fromOpaque(user).release() } })
        guard code == SQLITE_OK else { throw connection.error(code, sql: "register \(name)") }
    }
}
