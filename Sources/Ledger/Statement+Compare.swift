import CSQLite

#if canImport(Glibc)
    import Glibc
#endif

/// Comparing a column of two statements' current rows in place, in SQLite's own memory (for `ProjectionMerge`).
///
/// Values compare as SQL's `IS` and `ORDER BY` treat them with the BINARY collation: NULL, then numbers (an integer
/// and a REAL of the same value are equal), then text, then blobs, each compared bytewise.
extension Statement {
    /// The order of column `index` of this row against the same column of `other`'s row: negative, 0 or positive.
    func order(at index: Int, against other: Statement) -> Int {
        let i = Int32(index)
        let a = handle
        let b = other.handle
        let typeA = sqlite3_column_type(a, i)
        let typeB = sqlite3_column_type(b, i)
        if typeA == typeB {
            switch typeA {
            case SQLITE_INTEGER:
                let x = sqlite3_column_int64(a, i)
                let y = sqlite3_column_int64(b, i)
                return x == y ? 0 : (x < y ? -1 : 1)
            case SQLITE_FLOAT:
                return Self.order(sqlite3_column_double(a, i), sqlite3_column_double(b, i))
            case SQLITE_TEXT:
                return Self.order(
                    sqlite3_column_text(a, i).map(UnsafeRawPointer.init), Int(sqlite3_column_bytes(a, i)),
                    sqlite3_column_text(b, i).map(UnsafeRawPointer.init), Int(sqlite3_column_bytes(b, i)))
            case SQLITE_BLOB:
                return Self.order(
                    sqlite3_column_blob(a, i), Int(sqlite3_column_bytes(a, i)),
                    sqlite3_column_blob(b, i), Int(sqlite3_column_bytes(b, i)))
            default:
                return 0
            }
        }
        let rankA = Self.rank(typeA)
        let rankB = Self.rank(typeB)
        if rankA != rankB { return rankA < rankB ? -1 : 1 }
        // An integer and a REAL.
        return Self.order(sqlite3_column_double(a, i), sqlite3_column_double(b, i))
    }

    /// Feeds the first `columns` columns of this row into `hasher`: each value's storage class and its value (text
    /// and blobs with their length), read in place. Rows that compare equal column by column with the same storage
    /// classes feed the same bytes.
    ///
    /// The bytes are gathered in a stack buffer and fed in few calls (a text or blob too long for what is left of
    /// the buffer goes on its own): `Hasher` takes a long run of bytes much faster than a call per value.
    func combineRow(into hasher: inout Hasher, columns: Int) {
        let statement = handle
        withUnsafeTemporaryAllocation(byteCount: Self.rowBufferSize, alignment: 8) { buffer in
            var used = 0
            func flush() {
                hasher.combine(bytes: UnsafeRawBufferPointer(rebasing: buffer[..<used]))
                used = 0
            }
            func put<T: BitwiseCopyable>(_ value: T) {
                if used + MemoryLayout<T>.size > buffer.count { flush() }
                buffer.storeBytes(of: value, toByteOffset: used, as: T.self)
                used += MemoryLayout<T>.size
            }
            func put(bytes start: UnsafeRawPointer?, count: Int) {
                put(count)
                guard count > 0, let start else { return }
                let bytes = UnsafeRawBufferPointer(start: start, count: count)
                if count <= buffer.count - used {
                    UnsafeMutableRawBufferPointer(rebasing: buffer[used..<(used + count)]).copyMemory(from: bytes)
                    used += count
                } else {
                    flush()
                    hasher.combine(bytes: bytes)
                }
            }
            for column in 0..<Int32(columns) {
                let type = sqlite3_column_type(statement, column)
                put(type)
                switch type {
                case SQLITE_INTEGER:
                    put(sqlite3_column_int64(statement, column))
                case SQLITE_FLOAT:
                    put(sqlite3_column_double(statement, column).bitPattern)
                case SQLITE_TEXT:
                    let text = sqlite3_column_text(statement, column).map(UnsafeRawPointer.init)
                    put(bytes: text, count: Int(sqlite3_column_bytes(statement, column)))
                case SQLITE_BLOB:
                    let blob = sqlite3_column_blob(statement, column)
                    put(bytes: blob, count: Int(sqlite3_column_bytes(statement, column)))
                default:
                    break
                }
            }
            flush()
        }
    }

    /// The stack buffer `combineRow` gathers a row's bytes in: a performance row's 50-odd values fit.
    private static let rowBufferSize = 1_024

    /// SQLite's order of storage classes: NULL, then numbers, text, blobs.
    private static func rank(_ type: Int32) -> Int {
        switch type {
        case SQLITE_NULL: 0
        case SQLITE_INTEGER, SQLITE_FLOAT: 1
        case SQLITE_TEXT: 2
        default: 3
        }
    }

    private static func order(_ x: Double, _ y: Double) -> Int { x == y ? 0 : (x < y ? -1 : 1) }

    private static func order(_ p: UnsafeRawPointer?, _ m: Int, _ q: UnsafeRawPointer?, _ n: Int) -> Int {
        let common = min(m, n)
        if common > 0, let p, let q {
            let order = memcmp(p, q, common)
            if order != 0 { return order < 0 ? -1 : 1 }
        }
        return m == n ? 0 : (m < n ? -1 : 1)
    }
}
