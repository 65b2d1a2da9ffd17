/// Compares a projection's live rows with a fresh build in one pass: both tables are read in key order and walked
/// side by side, comparing each column in place in the statements' memory (no row is copied unless it is the
/// first difference). Linear in the rows, with memory flat, where joining the two tables cost a lookup into the
/// other table per row (random reads into SQLite's temp file once a build outgrows the cache).
///
/// Values compare as SQL's `IS` does for two columns of the same declared type: NULL equals NULL, an integer
/// equals a REAL of the same value, text and blobs compare bytewise (the tables use the BINARY collation), and
/// values of different storage classes differ. Keys order as SQLite's `ORDER BY` orders them (NULL, numbers,
/// text, blobs), so the walk follows both statements.
struct ProjectionMerge {
    let name: String
    let keys: [String]
    let columns: [String]
    let fresh: ProjectionTables
    /// The table read on both sides when it is not `name`: one that holds the rows of `name` that can differ.
    var table: String? = nil
    /// An SQL condition both sides' rows are walked under (`KeyBucket.condition`): it holds for every row that can
    /// differ, and leaves out only rows that are the same on both sides.
    var filter: String? = nil

    /// What the walk found.
    struct Outcome {
        var added = 0
        var removed = 0
        var changed = 0
        /// Rows changed per column, in column order.
        var changedPerColumn: [Int]
        /// The first difference in key order: a changed row, else a row only the build has, else one only the
        /// live table has.
        var firstChanged: String?
        var firstAdded: String?
        var firstRemoved: String?
        /// Rows read from both sides.
        var rowsRead = 0
    }

    /// The order both sides are read in: the keys, then the other columns, which break ties, so rows sharing a key
    /// (where no unique index rules that out) pair up the same way on both sides; behind a unique key SQLite needs
    /// no sort for them.
    private var order: String { (keys + columns.filter { !keys.contains($0) }).joined(separator: ", ") }

    /// The live rows in the order SQLite stores them (no index, no sort), for `digest(_:on:)`.
    var liveRows: String { "SELECT \(columns.joined(separator: ", ")) FROM main.\(table ?? name)" }

    /// The fresh build's rows in the order SQLite stores them, for `digest(_:on:)`.
    var freshRows: String {
        let source = table.map { fresh($0) } ?? HistoryView.source(of: name, in: fresh, columns: columns)
        return "SELECT \(columns.joined(separator: ", ")) FROM \(source)"
    }

    /// The live rows, in `order`.
    var liveQuery: String { "\(liveRows)\(whereFilter) ORDER BY \(order)" }

    /// The fresh build's rows, in `order`.
    var freshQuery: String { "\(freshRows)\(whereFilter) ORDER BY \(order)" }

    private var whereFilter: String { filter.map { " WHERE \($0)" } ?? "" }

    /// The digest of the rows `query` gives on `connection`, in any order, with its sums per bucket of `keys` (see
    /// `TableDigest`).
    func digest(_ query: String, on connection: Connection) throws(LedgerError) -> TableDigest {
        let statement = try connection.prepare(query)
        let keyIndexes = self.keyIndexes.map(Int32.init)
        var sum: UInt64 = 0
        var buckets = [UInt64](repeating: 0, count: KeyBucket.count)
        var rows = 0
        while try statement.step() {
            var hasher = Hasher()
            statement.combineRow(into: &hasher, columns: columns.count)
            let hash = UInt64(bitPattern: Int64(hasher.finalize()))
            sum &+= hash
            buckets[KeyBucket.bucket(of: statement.handle, columns: keyIndexes)] &+= hash
            rows += 1
        }
        return TableDigest(rows: rows, value: sum, buckets: buckets)
    }

    /// Where the keys are among `columns`.
    private var keyIndexes: [Int] { keys.compactMap { columns.firstIndex(of: $0) } }

    func run(on connection: Connection) throws(LedgerError) -> Outcome {
        let keyIndexes = self.keyIndexes
        let live = try connection.prepare(liveQuery)
        let built = try connection.prepare(freshQuery)
        var outcome = Outcome(changedPerColumn: Array(repeating: 0, count: columns.count))
        var hasLive = try live.step()
        var hasBuilt = try built.step()
        var differing = [Bool](repeating: false, count: columns.count)
        while hasLive || hasBuilt {
            let order: Int
            if !hasLive {
                order = 1
            } else if !hasBuilt {
                order = -1
            } else {
                order = Self.compareKeys(live, built, at: keyIndexes)
            }
            if order < 0 {
                // Only the live table has this key.
                outcome.removed += 1
                if outcome.firstRemoved == nil { outcome.firstRemoved = keyText(live, keyIndexes) }
                outcome.rowsRead += 1
                hasLive = try live.step()
            } else if order > 0 {
                outcome.added += 1
                if outcome.firstAdded == nil { outcome.firstAdded = keyText(built, keyIndexes) }
                outcome.rowsRead += 1
                hasBuilt = try built.step()
            } else {
                var any = false
                for column in columns.indices {
                    let same = Self.equal(live, built, at: column)
                    differing[column] = !same
                    if !same {
                        any = true
                        outcome.changedPerColumn[column] += 1
                    }
                }
                if any {
                    outcome.changed += 1
                    if outcome.firstChanged == nil { outcome.firstChanged = changeText(live, built, keyIndexes, differing) }
                }
                outcome.rowsRead += 2
                hasLive = try live.step()
                hasBuilt = try built.step()
            }
        }
        return outcome
    }

    // MARK: text for the report

    private func keyText(_ statement: Statement, _ keyIndexes: [Int]) -> String {
        keyIndexes.map { "\(columns[$0])=\(statement.value(at: $0).plainText)" }.joined(separator: ", ")
    }

    private func changeText(_ live: Statement, _ built: Statement, _ keyIndexes: [Int], _ differing: [Bool]) -> String {
        let changes = columns.indices.filter { differing[$0] }.map {
            "\(columns[$0]) is \(live.value(at: $0).plainText) but the log gives \(built.value(at: $0).plainText)"
        }
        return "\(name) row \(keyText(live, keyIndexes)): \(changes.joined(separator: "; "))"
    }

    // MARK: comparing in place

    /// The two current rows' keys in `ORDER BY` order: negative when `a`'s comes first.
    static func compareKeys(_ a: Statement, _ b: Statement, at indexes: [Int]) -> Int {
        for index in indexes {
            let order = a.order(at: index, against: b)
            if order != 0 { return order }
        }
        return 0
    }

    /// Whether one column of the two current rows holds the same value (SQL's `IS`).
    static func equal(_ a: Statement, _ b: Statement, at index: Int) -> Bool { a.order(at: index, against: b) == 0 }
}
