import CSQLite

/// Comparing a column of two statements' current rows in place, in SQLite's own memory (for `ProjectionMerge`).
///
/// Values compare as SQL's `IS` and `ORDER BY` treat them with the BINARY collation: NULL, then numbers (an integer
/// and a REAL of the same value are equal), then text, then blobs, each compared bytewise.
extension Statement {
    /// The order of column `index` of this row against the same column of `other`'s row: negative, 0 or positive.
    func order(at index: Int, against other: Statement) -> Int {
        // One call per side for the value (SQLite's column interfaces each look the column up again).
        let a = sqlite3_column_value(handle, Int32(index))
        let b = sqlite3_column_value(other.handle, Int32(index))
        let typeA = sqlite3_value_type(a)
        let typeB = sqlite3_value_type(b)
        if typeA == typeB {
            switch typeA {
            case SQLITE_INTEGER:
                return SQLOrder.order(sqlite3_value_int64(a), sqlite3_value_int64(b))
            case SQLITE_FLOAT:
                return SQLOrder.order(sqlite3_value_double(a), sqlite3_value_double(b))
            case SQLITE_TEXT:
                return SQLOrder.order(
                    sqlite3_value_text(a).map(UnsafeRawPointer.init), Int(sqlite3_value_bytes(a)),
                    sqlite3_value_text(b).map(UnsafeRawPointer.init), Int(sqlite3_value_bytes(b)))
            case SQLITE_BLOB:
                return SQLOrder.order(
                    sqlite3_value_blob(a), Int(sqlite3_value_bytes(a)), sqlite3_value_blob(b), Int(sqlite3_value_bytes(b)))
            default:
                return 0
            }
        }
        let rankA = SQLOrder.rank(typeA)
        let rankB = SQLOrder.rank(typeB)
        if rankA != rankB { return rankA < rankB ? -1 : 1 }
        // An integer and a REAL.
        return SQLOrder.order(sqlite3_value_double(a), sqlite3_value_double(b))
    }

    /// Appends the columns at `columns` of this row to `bytes`, in that order, as `GatheredRow` reads them back: each
    /// value's storage class (an `Int32`), then an integer's or a REAL's 8 bytes, or a text's or blob's length (an
    /// `Int`) and its bytes; nothing more for NULL. Read in place, once per column. Rows that compare equal column by
    /// column with the same storage classes give the same bytes, however their columns are laid out in the
    /// statement: what a table digest hashes (`TableDigest`).
    func gatherRow(columns: [Int32], into bytes: RowBytes) {
        let statement = handle
        for column in columns {
            let value = sqlite3_column_value(statement, column)
            let type = sqlite3_value_type(value)
            bytes.put(type)
            switch type {
            case SQLITE_INTEGER:
                bytes.put(sqlite3_value_int64(value))
            case SQLITE_FLOAT:
                bytes.put(sqlite3_value_double(value).bitPattern)
            case SQLITE_TEXT:
                // The pointer first, then the length (SQLite's order for reading a value's bytes).
                let text = sqlite3_value_text(value).map(UnsafeRawPointer.init)
                bytes.put(text, count: Int(sqlite3_value_bytes(value)))
            case SQLITE_BLOB:
                let blob = sqlite3_value_blob(value)
                bytes.put(blob, count: Int(sqlite3_value_bytes(value)))
            default:
                break
            }
        }
    }
}
