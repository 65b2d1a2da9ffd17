import CSQLite

/// Which of `count` buckets a row's key falls in: a fixed hash (FNV-1a, the same in every process and on every
/// connection) of the key's values, so that a comparison can digest each bucket of a table and then walk only the
/// buckets whose digests differ (`TableDigest`, `ProjectionMerge`).
///
/// Key values that SQL's `IS` finds equal fall in one bucket: an integer and a REAL of the same integral value hash
/// alike; text and blobs hash their bytes with their storage class (the tables use the BINARY collation).
///
/// SQL reads the same function as `adledger_key_bucket(k1, k2, …)`, registered on every connection.
enum KeyBucket {
    /// Buckets per table: few enough that a digest's buckets cost 8 KiB, enough that one drifted row sends a walk
    /// through about one row in a thousand.
    static let count = 1_024

    static let functionName = "adledger_key_bucket"

    /// A bucket's hash, fed one key value after another.
    struct Hash {
        private var state: UInt64 = 0xcbf2_9ce4_8422_2325

        private mutating func feed(_ byte: UInt8) {
            state = (state ^ UInt64(byte)) &* 0x0000_0100_0000_01b3
        }

        private mutating func feed<T: FixedWidthInteger>(_ value: T) {
            for shift in stride(from: 0, to: T.bitWidth, by: 8) { feed(UInt8(truncatingIfNeeded: value >> shift)) }
        }

        /// Adds one value, read with SQLite's value interfaces.
        mutating func feed(_ value: OpaquePointer?) {
            let type = sqlite3_value_type(value)
            switch type {
            case SQLITE_INTEGER:
                feed(integer: sqlite3_value_int64(value))
            case SQLITE_FLOAT:
                feed(real: sqlite3_value_double(value))
            case SQLITE_TEXT, SQLITE_BLOB:
                // The pointer first, then the length (SQLite's order for reading a value's bytes).
                let start = type == SQLITE_TEXT ? UnsafeRawPointer(sqlite3_value_text(value)) : sqlite3_value_blob(value)
                let length = Int(sqlite3_value_bytes(value))
                feed(type: type, start: start, count: length)
            default:
                feed(UInt8(SQLITE_NULL))
            }
        }

        /// Adds column `index` of `row`: the same as `feed(_:)` with the value it was read from.
        mutating func feed(_ row: some ColumnReader, at index: Int) {
            switch row.columnType(at: index) {
            case .integer: feed(integer: row.int64(at: index))
            case .real: feed(real: row.double(at: index))
            case .text: row.withBytes(at: index) { feed(type: SQLITE_TEXT, start: $0.baseAddress, count: $0.count) }
            case .blob: row.withBytes(at: index) { feed(type: SQLITE_BLOB, start: $0.baseAddress, count: $0.count) }
            case .null: feed(UInt8(SQLITE_NULL))
            }
        }

        /// Adds one value as bound: the same as reading it back when it is stored as it is bound.
        mutating func feed(_ value: SQLValue) {
            switch value {
            case .null: feed(UInt8(SQLITE_NULL))
            case .integer(let integer): feed(integer: integer)
            case .real(let real): feed(real: real)
            case .text(var text): text.withUTF8 { feed(type: SQLITE_TEXT, start: $0.baseAddress, count: $0.count) }
            case .blob(let blob):
                blob.withUnsafeBytes { feed(type: SQLITE_BLOB, start: $0.baseAddress, count: $0.count) }
            }
        }

        private mutating func feed(integer: Int64) {
            feed(UInt8(SQLITE_INTEGER))
            feed(integer)
        }

        private mutating func feed(real double: Double) {
            // An integral value in Int64's range hashes as the integer `IS` finds it equal to.
            if double.rounded(.towardZero) == double, double >= -0x1p63, double < 0x1p63 {
                feed(integer: Int64(double))
            } else {
                feed(UInt8(SQLITE_FLOAT))
                feed(double.bitPattern)
            }
        }

        /// A text or blob: its storage class, its length, then its bytes (none when there is no pointer).
        private mutating func feed(type: Int32, start: UnsafeRawPointer?, count: Int) {
            feed(UInt8(type))
            feed(UInt32(count))
            if let start {
                for byte in UnsafeRawBufferPointer(start: start, count: count) { feed(byte) }
            }
        }

        /// The hash of the values fed so far.
        var value: UInt64 { state }

        /// The bucket of the values fed so far.
        var bucket: Int { Int(state % UInt64(KeyBucket.count)) }
    }

    /// The bucket of the current row's columns at `indexes` of `statement`.
    static func bucket(of statement: OpaquePointer, columns indexes: [Int32]) -> Int {
        var hash = Hash()
        for index in indexes { hash.feed(sqlite3_column_value(statement, index)) }
        return hash.bucket
    }

    /// An SQL condition that holds for the rows whose `keys` fall in one of `buckets`.
    static func condition(keys: [String], in buckets: [Int]) -> String {
        "\(functionName)(\(keys.joined(separator: ", "))) IN (\(buckets.map(String.init).joined(separator: ", ")))"
    }

    /// Registers `adledger_key_bucket` on the connection `handle`.
    static func register(on handle: OpaquePointer) -> Int32 {
        sqlite3_create_function_v2(
            handle, functionName, -1, SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS, nil,
            { context, count, arguments in
                var hash = Hash()
                for index in 0..<Int(count) { hash.feed(arguments?[index]) }
                sqlite3_result_int64(context, Int64(hash.bucket))
            }, nil, nil, nil)
    }
}
