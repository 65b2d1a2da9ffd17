/// A digest of a table's rows in any order: how many, and the sum (mod 2^64) of each row's hash by Swift's `Hasher`
/// (SipHash, seeded at random per process, so two digests can only be compared within one process) over its values
/// and their storage classes. A sum does not depend on the order the rows are read in, so each side is read as it is
/// stored, with no index and no sort. The same sums are kept per bucket of the rows' keys (`KeyBucket`): where two
/// digests differ, only the rows of the buckets that differ need comparing.
///
/// Equal digests of a live table and its fresh build mean the same rows, short of a 64-bit collision, which an input
/// cannot be made to aim at without the process's seed. Unequal digests prove nothing: an integer and a REAL of the
/// same value are equal to the comparison but digest differently, so a difference is always confirmed by
/// `ProjectionMerge`, which also names it.
struct TableDigest: Sendable, Equatable {
    let rows: Int
    let value: UInt64
    /// The sum of the row hashes in each key bucket.
    let buckets: [UInt64]

    /// The buckets whose sums differ from `other`'s, in order. A row on one side only, or changed, makes its bucket
    /// differ (short of a 64-bit collision); rows in the other buckets are the same on both sides.
    func buckets(differingFrom other: TableDigest) -> [Int] {
        buckets.indices.filter { buckets[$0] != other.buckets[$0] }
    }

    /// The hash of one row's bytes as `Statement.gatherRow` gives them.
    static func hash(row: UnsafeRawBufferPointer) -> UInt64 {
        var hasher = Hasher()
        hasher.combine(bytes: row)
        return UInt64(bitPattern: Int64(hasher.finalize()))
    }

    /// The sums of row hashes (`hash(row:)`) a digest is made of, added one row at a time in any order.
    struct Sums: Sendable {
        private var sum: UInt64 = 0
        private var buckets = [UInt64](repeating: 0, count: KeyBucket.count)
        private var rows = 0

        /// Adds a row by its hash and its key's bucket (`KeyBucket`).
        mutating func add(hash: UInt64, bucket: Int) {
            sum &+= hash
            buckets[bucket] &+= hash
            rows += 1
        }

        /// The digest of the rows added so far.
        var digest: TableDigest { TableDigest(rows: rows, value: sum, buckets: buckets) }
    }

    /// Digests a table's rows as a statement reads them, in any order: what `ProjectionMerge.digest` reads a table
    /// for.
    struct Builder {
        /// Where each digested column is among the statement's columns, in the table's column order.
        let columns: [Int32]
        /// Where the key columns are among the statement's columns, in key order.
        let keys: [Int32]
        private var sums = Sums()
        /// The current row's bytes.
        private let scratch = RowBytes()

        init(columns: [Int32], keys: [Int32]) {
            self.columns = columns
            self.keys = keys
        }

        /// Adds the statement's current row.
        mutating func add(_ statement: Statement) {
            scratch.removeAll()
            statement.gatherRow(columns: columns, into: scratch)
            let hash = TableDigest.hash(row: scratch.bytes)
            sums.add(hash: hash, bucket: KeyBucket.bucket(of: statement.handle, columns: keys))
        }

        /// The digest of the rows added so far.
        var digest: TableDigest { sums.digest }
    }

    /// Digests rows as they are inserted, from the values bound: the digest `Builder` takes of the table afterwards,
    /// as long as SQLite stores each value as it is bound. That holds for NULL anywhere, an integer in a column of
    /// INTEGER affinity and text in one of TEXT affinity; a row with any other value (whose stored form an affinity
    /// may change) leaves no digest (nil), and the table is read for one as before.
    struct BoundRows: Sendable {
        /// Each column's declared type, in the table's order (the order rows are bound in).
        private let types: [String]
        /// Where the key columns are, in key order.
        private let keys: [Int]
        private var sums: Sums? = Sums()
        private let scratch = RowBytes()

        /// Rows of the table whose columns are `columns` (in its order) with declared `types`, bound in that order;
        /// nil when `bound` (the columns the rows are bound to, in order) is not that order.
        init?(columns: [String], types: [String], bound: [String], keys: [String]) {
            guard columns == bound, types.count == columns.count else { return nil }
            self.types = types.map { $0.uppercased() }
            self.keys = keys.compactMap { columns.firstIndex(of: $0) }
            guard self.keys.count == keys.count else { return nil }
        }

        /// Adds a row as bound.
        mutating func add(_ values: [SQLValue]) {
            guard sums != nil else { return }
            guard values.count == types.count, zip(values, types).allSatisfy(Self.storedAsBound) else {
                sums = nil
                return
            }
            scratch.removeAll()
            var bucket = KeyBucket.Hash()
            for value in values { scratch.put(value) }
            for key in keys { bucket.feed(values[key]) }
            sums?.add(hash: TableDigest.hash(row: scratch.bytes), bucket: bucket.bucket)
        }

        /// The digest of the rows added, unless one was not stored as bound.
        var digest: TableDigest? { sums?.digest }

        /// Whether SQLite stores `value` in a column declared `type` as it is bound (no affinity conversion).
        private static func storedAsBound(_ value: SQLValue, _ type: String) -> Bool {
            switch value {
            case .null: true
            case .integer: type == "INTEGER" || type == "INT"
            case .text: type == "TEXT"
            case .real, .blob: false
            }
        }
    }
}

