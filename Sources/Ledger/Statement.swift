import CSQLite

/// A compiled statement; finalized when released.
package final class Statement {
    /// The statement's SQLite handle, for code in this module that reads columns in place (`Statement+Compare`).
    let handle: OpaquePointer
    private let connection: Connection
    package let sql: String
    /// Where ``run(staging:_:)`` copies the texts and blobs it binds.
    lazy var staging = StagingBuffer()

    init(handle: OpaquePointer, connection: Connection, sql: String) {
        self.handle = handle
        self.connection = connection
        self.sql = sql
    }

    deinit { sqlite3_finalize(handle) }

    /// Clears bindings and state so the statement can run again.
    package func reset() {
        sqlite3_reset(handle)
        sqlite3_clear_bindings(handle)
    }

    /// Binds positional arguments (1-based in SQL, 0-based here). Every parameter is bound anew, so
    /// old bindings need no clearing.
    package func bind(_ values: [SQLValue]) throws(LedgerError) {
        sqlite3_reset(handle)
        for (offset, value) in values.enumerated() { try bind(value, at: Int32(offset + 1)) }
    }

    /// Binds `values` at 1-based `index` onward, leaving the other parameters as they are (no reset: call after
    /// `bind(_:)`, to fill the parameters after its values without building one array of both).
    package func bind(_ values: [SQLValue], from index: Int32) throws(LedgerError) {
        for (offset, value) in values.enumerated() { try bind(value, at: index + Int32(offset)) }
    }

    /// Binds one value at a 1-based index.
    package func bind(_ value: SQLValue, at index: Int32) throws(LedgerError) {
        let code: Int32
        switch value {
        case .null: code = sqlite3_bind_null(handle, index)
        case .integer(let i): code = sqlite3_bind_int64(handle, index, i)
        case .real(let d): code = sqlite3_bind_double(handle, index, d)
        case .text(var s):
            // From the string's own UTF-8 storage with its length: no C-string copy.
            code = s.withUTF8 { bytes in
                guard let base = bytes.baseAddress else {
                    return sqlite3_bind_text(handle, index, "", 0, adl_sqlite_transient())
                }
                return UnsafeRawPointer(base).withMemoryRebound(to: CChar.self, capacity: bytes.count) { text in
                    sqlite3_bind_text(handle, index, text, Int32(bytes.count), adl_sqlite_transient())
                }
            }
        case .blob(let b):
            code = b.withUnsafeBytes { raw in
                sqlite3_bind_blob(handle, index, raw.baseAddress, Int32(raw.count), adl_sqlite_transient())
            }
        }
        guard code == SQLITE_OK else { throw connection.error(code, sql: sql) }
    }

    /// The error SQLite's result `code` means for this statement.
    func error(_ code: Int32) -> LedgerError { connection.error(code, sql: sql) }

    /// Binds a named parameter such as `:name`; unknown names are ignored.
    package func bind(_ value: SQLValue, named name: String) throws(LedgerError) {
        let index = sqlite3_bind_parameter_index(handle, name)
        if index > 0 { try bind(value, at: index) }
    }

    /// The names of the statement's parameters (`:a`, `@b`, `$c`, `?`).
    package var parameterNames: [String] {
        let count = sqlite3_bind_parameter_count(handle)
        guard count > 0 else { return [] }
        return (1...count).map { sqlite3_bind_parameter_name(handle, $0).map { String(cString: $0) } ?? "?" }
    }

    /// Advances to the next row; false when done.
    package func step() throws(LedgerError) -> Bool {
        let code = sqlite3_step(handle)
        switch code {
        case SQLITE_ROW: return true
        case SQLITE_DONE: return false
        default: throw connection.error(code, sql: sql)
        }
    }

    /// Runs to completion, ignoring rows.
    package func run(_ values: [SQLValue]) throws(LedgerError) {
        try bind(values)
        while try step() {}
    }

    package var columnCount: Int { Int(sqlite3_column_count(handle)) }

    package func columnName(at index: Int) -> String {
        sqlite3_column_name(handle, Int32(index)).map { String(cString: $0) } ?? ""
    }

    package var columnNames: [String] { (0..<columnCount).map(columnName(at:)) }

    /// True when the statement does not write to the database.
    package var isReadOnly: Bool { sqlite3_stmt_readonly(handle) != 0 }

    /// The storage class of a column of the current row.
    package enum ColumnType {
        case null, integer, real, text, blob
    }

    /// The type of column `index` of the current row, without reading its value.
    package func columnType(at index: Int) -> ColumnType {
        switch sqlite3_column_type(handle, Int32(index)) {
        case SQLITE_INTEGER: .integer
        case SQLITE_FLOAT: .real
        case SQLITE_TEXT: .text
        case SQLITE_BLOB: .blob
        default: .null
        }
    }

    /// Column `index` of the current row as an integer.
    package func int64(at index: Int) -> Int64 { sqlite3_column_int64(handle, Int32(index)) }

    /// Column `index` of the current row as a REAL.
    package func double(at index: Int) -> Double { sqlite3_column_double(handle, Int32(index)) }

    /// Calls `body` with the bytes of a text or blob column of the current row, in place: no copy, valid
    /// only inside `body` (for text, UTF-8 as stored, not checked).
    package func withBytes<R, E>(at index: Int, _ body: (UnsafeRawBufferPointer) throws(E) -> R) throws(E) -> R {
        let i = Int32(index)
        let start: UnsafeRawPointer? =
            sqlite3_column_type(handle, i) == SQLITE_BLOB
            ? sqlite3_column_blob(handle, i) : sqlite3_column_text(handle, i).map(UnsafeRawPointer.init)
        let count = Int(sqlite3_column_bytes(handle, i))
        guard let start, count > 0 else { return try body(UnsafeRawBufferPointer(start: nil, count: 0)) }
        return try body(UnsafeRawBufferPointer(start: start, count: count))
    }

    package func value(at index: Int) -> SQLValue {
        let i = Int32(index)
        switch sqlite3_column_type(handle, i) {
        case SQLITE_INTEGER: return .integer(sqlite3_column_int64(handle, i))
        case SQLITE_FLOAT: return .real(sqlite3_column_double(handle, i))
        case SQLITE_TEXT:
            guard let text = sqlite3_column_text(handle, i) else { return .text("") }
            let count = Int(sqlite3_column_bytes(handle, i))
            return .text(String(decoding: UnsafeBufferPointer(start: text, count: count), as: UTF8.self))
        case SQLITE_BLOB:
            let count = Int(sqlite3_column_bytes(handle, i))
            guard count > 0, let raw = sqlite3_column_blob(handle, i) else { return .blob([]) }
            return .blob(Array(UnsafeRawBufferPointer(start: raw, count: count)))
        default: return .null
        }
    }

    package func text(at index: Int) -> String? { value(at: index).text }

    package func row() -> [SQLValue] { (0..<columnCount).map(value(at:)) }
}

@available(*, unavailable)
extension Statement: Sendable {}
