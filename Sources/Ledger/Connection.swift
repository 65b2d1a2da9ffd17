import CSQLite

/// One SQLite connection. Non-Sendable on purpose: it is confined to the code that opened it.
package final class Connection {
    /// How a connection may touch the file.
    package enum Mode: Sendable {
        case readWrite
        case readOnly
    }

    let handle: OpaquePointer
    /// The file this connection opened, for error messages.
    package let path: String
    package let mode: Mode

    package init(path: String, mode: Mode, busyTimeoutMilliseconds: Int32 = 5_000) throws(LedgerError) {
        Self.configureSQLite
        var db: OpaquePointer?
        let flags =
            (mode == .readOnly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE)
            | SQLITE_OPEN_NOMUTEX
        let code = sqlite3_open_v2(path, &db, flags, nil)
        guard code == SQLITE_OK, let db else {
            let message = db.map { String(cString: sqlite3_errmsg($0)) } ?? String(cString: sqlite3_errstr(code))
            sqlite3_close(db)  // a failed open can still allocate a handle
            throw .cannotOpen(path: path, code: code, message: message)
        }
        handle = db
        self.path = path
        self.mode = mode
        sqlite3_busy_timeout(db, busyTimeoutMilliseconds)
        sqlite3_extended_result_codes(db, 1)
        let registered = KeyBucket.register(on: db)
        guard registered == SQLITE_OK else {
            sqlite3_close(db)
            throw .sqlite(code: registered, message: "cannot register \(KeyBucket.functionName)", sql: "")
        }
    }

    deinit { sqlite3_close_v2(handle) }

    /// SQLite's process-wide settings, made once before the first connection opens: no count of its memory
    /// (`adl_sqlite_disable_memstatus`), which would otherwise take a global mutex on every allocation and free,
    /// and every connection's threads (reader, writers, digests) contend for it. (A call after SQLite initialised is
    /// refused and changes nothing.)
    private static let configureSQLite: Void = { _ = adl_sqlite_disable_memstatus() }()

    /// Maps a SQLite result code to the error a user can act on.
    func error(_ code: Int32, sql: String) -> LedgerError {
        let message = String(cString: sqlite3_errmsg(handle))
        switch code & 0xFF {
        case SQLITE_BUSY, SQLITE_LOCKED: return .busy(path: path)
        case SQLITE_READONLY: return .readOnly(path: path)
        case SQLITE_FULL: return .diskFull(path: path)
        case SQLITE_CORRUPT: return .corrupt(path: path, message: message)
        case SQLITE_NOTADB: return .notALedger(path: path)
        case SQLITE_INTERRUPT: return .interrupted
        case SQLITE_CANTOPEN:
            return .cannotOpen(
                path: path, code: code,
                message: "\(message) — the file, its -wal/-shm companions or their folder cannot be opened for writing")
        default: return .sqlite(code: code, message: message, sql: sql)
        }
    }

    /// Runs one or more statements that return no rows.
    package func execute(_ sql: String) throws(LedgerError) {
        var errorMessage: UnsafeMutablePointer<CChar>?
        let code = sqlite3_exec(handle, sql, nil, nil, &errorMessage)
        sqlite3_free(errorMessage)
        guard code == SQLITE_OK else { throw error(code, sql: sql) }
    }

    /// Compiles one statement.
    package func prepare(_ sql: String) throws(LedgerError) -> Statement {
        var statement: OpaquePointer?
        let code = sqlite3_prepare_v3(handle, sql, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &statement, nil)
        guard code == SQLITE_OK, let statement else { throw error(code, sql: sql) }
        return Statement(handle: statement, connection: self, sql: sql)
    }

    /// Runs a statement with arguments and returns every row.
    package func rows(_ sql: String, _ arguments: [SQLValue] = []) throws(LedgerError) -> [[SQLValue]] {
        let statement = try prepare(sql)
        try statement.bind(arguments)
        var result: [[SQLValue]] = []
        while try statement.step() { result.append(statement.row()) }
        return result
    }

    /// The first column of the first row, or nil when there is none.
    package func scalar(_ sql: String, _ arguments: [SQLValue] = []) throws(LedgerError) -> SQLValue? {
        let statement = try prepare(sql)
        try statement.bind(arguments)
        return try statement.step() ? statement.value(at: 0) : nil
    }

    /// Runs `body` in a transaction, committing on return and rolling back on throw.
    /// Writers take the lock up front (`BEGIN IMMEDIATE`) so two writers never deadlock on an upgrade:
    /// the second one waits for the busy timeout, then fails with `.busy`.
    package func transaction<T>(_ body: () throws(LedgerError) -> T) throws(LedgerError) -> T {
        try execute(mode == .readOnly ? "BEGIN DEFERRED" : "BEGIN IMMEDIATE")
        do {
            let value = try body()
            try execute("COMMIT")
            return value
        } catch {
            try? execute("ROLLBACK")
            throw error
        }
    }

    /// Runs `body` in one read transaction (`BEGIN DEFERRED`), so everything it reads is one snapshot of the file;
    /// with `rollsBack`, what it wrote (temp tables) is rolled back at the end even when it succeeds.
    func readSnapshot<T>(rollsBack: Bool = false, _ body: () throws(LedgerError) -> T) throws(LedgerError) -> T {
        try execute("BEGIN DEFERRED")
        do {
            let value = try body()
            try execute(rollsBack ? "ROLLBACK" : "COMMIT")
            return value
        } catch {
            try? execute("ROLLBACK")
            throw error
        }
    }

    /// Turns this connection's triggers on or off (they stay as they are in the schema and for every other
    /// connection). Statements prepared before recompile on their next run.
    func setTriggersEnabled(_ enabled: Bool) {
        _ = adl_sqlite_enable_triggers(handle, enabled ? 1 : 0)
    }

    /// Copies the WAL's committed frames into the database file as far as it can without waiting for anyone
    /// (`SQLITE_CHECKPOINT_PASSIVE`: a concurrent writer goes on appending, a reader keeps the frames it needs). Returns
    /// the frames in the WAL and how many of them the file now holds; nil when another checkpoint was running.
    func checkpointPassively() throws(LedgerError) -> (walFrames: Int, checkpointed: Int)? {
        var walFrames: Int32 = 0
        var checkpointed: Int32 = 0
        let code = sqlite3_wal_checkpoint_v2(handle, nil, SQLITE_CHECKPOINT_PASSIVE, &walFrames, &checkpointed)
        if code & 0xFF == SQLITE_BUSY { return nil }
        guard code == SQLITE_OK else { throw error(code, sql: "PRAGMA wal_checkpoint(PASSIVE)") }
        return (Int(walFrames), Int(checkpointed))
    }

    /// Rows changed by the last statement.
    package var changes: Int { Int(sqlite3_changes(handle)) }

    /// The rowid of the last row this connection inserted.
    var lastInsertRowid: Int64 { sqlite3_last_insert_rowid(handle) }

    /// A handle another thread may use to cancel the running statement.
    package var interruptHandle: InterruptHandle { InterruptHandle(handle: handle) }
}

@available(*, unavailable)
extension Connection: Sendable {}

/// Cancels the statement running on a connection, from any thread or a signal handler's helper.
package struct InterruptHandle: @unchecked Sendable {
    // @unchecked: sqlite3_interrupt is documented safe to call from another thread while the
    // connection is open; the owner keeps the connection alive while the handle is in use.
    let handle: OpaquePointer

    package func interrupt() { sqlite3_interrupt(handle) }
}
