import CSQLite

#if canImport(Glibc)
    import Glibc
#endif

/// A row read back from the bytes `Statement.gatherRow` gave for it: each column found once, then read by index
/// like a statement's row, with no SQLite call.
struct GatheredRow: ColumnReader {
    private let bytes: UnsafeRawBufferPointer
    /// Per column, where its storage class starts in `bytes`.
    private let offsets: UnsafeBufferPointer<Int>

    /// Reads the row of `columns` columns in `bytes`, noting where each starts in `offsets` (room for `columns`).
    /// Nil when the bytes are not such a row.
    init?(_ bytes: UnsafeRawBufferPointer, columns: Int, offsets: UnsafeMutableBufferPointer<Int>) {
        var at = 0
        for column in 0..<columns {
            guard at + 4 <= bytes.count else { return nil }
            offsets[column] = at
            let type = bytes.loadUnaligned(fromByteOffset: at, as: Int32.self)
            at += 4
            switch type {
            case SQLITE_INTEGER, SQLITE_FLOAT:
                at += 8
            case SQLITE_TEXT, SQLITE_BLOB:
                guard at + 8 <= bytes.count else { return nil }
                let count = bytes.loadUnaligned(fromByteOffset: at, as: Int.self)
                guard count >= 0 else { return nil }
                at += 8 + count
            default:
                break
            }
        }
        guard at == bytes.count else { return nil }
        self.bytes = bytes
        self.offsets = UnsafeBufferPointer(rebasing: offsets[..<columns])
    }

    private func type(at index: Int) -> Int32 { bytes.loadUnaligned(fromByteOffset: offsets[index], as: Int32.self) }

    func columnType(at index: Int) -> Statement.ColumnType {
        switch type(at: index) {
        case SQLITE_INTEGER: .integer
        case SQLITE_FLOAT: .real
        case SQLITE_TEXT: .text
        case SQLITE_BLOB: .blob
        default: .null
        }
    }

    func int64(at index: Int) -> Int64 {
        switch type(at: index) {
        case SQLITE_INTEGER: bytes.loadUnaligned(fromByteOffset: offsets[index] + 4, as: Int64.self)
        case SQLITE_FLOAT: Int64(exactly: double(at: index).rounded(.towardZero)) ?? 0
        default: 0
        }
    }

    func double(at index: Int) -> Double {
        switch type(at: index) {
        case SQLITE_FLOAT: Double(bitPattern: bytes.loadUnaligned(fromByteOffset: offsets[index] + 4, as: UInt64.self))
        case SQLITE_INTEGER: Double(int64(at: index))
        default: 0
        }
    }

    func withBytes<R, E>(at index: Int, _ body: (UnsafeRawBufferPointer) throws(E) -> R) throws(E) -> R {
        let type = type(at: index)
        guard type == SQLITE_TEXT || type == SQLITE_BLOB else {
            return try body(UnsafeRawBufferPointer(start: nil, count: 0))
        }
        let start = offsets[index] + 12
        let count = bytes.loadUnaligned(fromByteOffset: offsets[index] + 4, as: Int.self)
        return try body(UnsafeRawBufferPointer(rebasing: bytes[start..<(start + count)]))
    }
}

extension GatheredRow: ComparedRow {
    /// As `Statement.order(at:against:)` orders the values the rows were gathered from.
    func order(at index: Int, against other: GatheredRow) -> Int {
        let (typeA, typeB) = (type(at: index), other.type(at: index))
        if typeA == typeB {
            switch typeA {
            case SQLITE_INTEGER:
                return SQLOrder.order(int64(at: index), other.int64(at: index))
            case SQLITE_FLOAT:
                return SQLOrder.order(double(at: index), other.double(at: index))
            case SQLITE_TEXT, SQLITE_BLOB:
                return withBytes(at: index) { a in
                    other.withBytes(at: index) { b in SQLOrder.order(a.baseAddress, a.count, b.baseAddress, b.count) }
                }
            default:
                return 0
            }
        }
        let (rankA, rankB) = (SQLOrder.rank(typeA), SQLOrder.rank(typeB))
        if rankA != rankB { return rankA < rankB ? -1 : 1 }
        // An integer and a REAL.
        return SQLOrder.order(double(at: index), other.double(at: index))
    }

    func value(at index: Int) -> SQLValue {
        switch type(at: index) {
        case SQLITE_INTEGER: .integer(int64(at: index))
        case SQLITE_FLOAT: .real(double(at: index))
        case SQLITE_TEXT: .text(withBytes(at: index) { String(decoding: $0, as: UTF8.self) })
        case SQLITE_BLOB: .blob(withBytes(at: index) { Array($0) })
        default: .null
        }
    }

    /// The bytes of the first `columns` columns: the whole row when it has no more.
    func prefix(columns: Int) -> UnsafeRawBufferPointer {
        columns < offsets.count ? UnsafeRawBufferPointer(rebasing: bytes[..<offsets[columns]]) : bytes
    }

    /// Whether two gathered rows' bytes are the same: then so are their values and storage classes.
    static func same(_ a: UnsafeRawBufferPointer, _ b: UnsafeRawBufferPointer) -> Bool {
        guard a.count == b.count else { return false }
        guard a.count > 0, let p = a.baseAddress, let q = b.baseAddress else { return true }
        return memcmp(p, q, a.count) == 0
    }
}
