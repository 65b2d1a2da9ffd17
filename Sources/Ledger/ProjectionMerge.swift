/// Compares a projection's live rows with a fresh build in one pass: both tables are walked side by side, comparing
/// each column in place in the statements' memory (no row is copied unless it is the first difference). Linear in
/// the rows, where joining the two tables cost a lookup into the other table per row (random reads into SQLite's
/// temp file once a build outgrows the cache).
///
/// The walk reads both sides in the order they are stored when that pairs them row by row (a build writes its rows
/// in the live tables' order): no index and no sort, so the history view's thousands of versions are not sorted in
/// a temp file. Otherwise it reads both in key order.
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
    /// Whether each side's schema holds every key once (a unique index on the keys): the walk in stored order then
    /// need not check that no key repeats.
    var keysAreUnique = false
    /// Up to how many changed rows the walk keeps (`Outcome.changes`), for a rebuild that patches a live table in
    /// place; 0 keeps none.
    var keepsChanges = 0
    /// For the performance rows' walk: what the history view's current versions show of its changes, counted as it
    /// walks (`Outcome.currentVersions`).
    var currentVersions: CurrentVersionChanges? = nil
    /// The ledger's path, when the walk in stored order may read the live rows on a connection and thread of their
    /// own (`LiveRowFeed`): only for a caller that holds the write lock and has not written the live tables.
    var liveRowsPath: String? = nil

    /// A changed row: the live row's rowid and the fresh row's values, in `columns` order.
    struct Change {
        let rowid: Int64
        let values: [SQLValue]
    }

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
        /// The key of `firstChanged`'s row.
        var firstChangedKey: [SQLValue]?
        var firstAdded: String?
        var firstRemoved: String?
        /// Rows read from both sides.
        var rowsRead = 0
        /// Whether the sides were walked in stored order (`runInStoredOrder`).
        var inStoredOrder = false
        /// The changed rows, when the walk keeps them and no more than `keepsChanges` changed; else nil.
        var changes: [Change]?
        /// What the history view's current versions show of the changes, when the merge counts them.
        var currentVersions: CurrentVersionChanges?
    }

    /// An outcome with nothing found yet.
    var start: Outcome {
        Outcome(
            changedPerColumn: Array(repeating: 0, count: columns.count), changes: keeping ? [] : nil,
            currentVersions: currentVersions)
    }

    /// The table a patch of the live rows would update: the one both sides read, when it is a table (the history
    /// view's rows are patched through its tables).
    var patchedTable: String? {
        let read = table ?? name
        return read == HistoryView.name ? nil : read
    }

    /// Whether this walk keeps its changed rows (and reads the live rows' rowids for them).
    private var keeping: Bool { keepsChanges > 0 && patchedTable != nil }

    /// The order both sides are read in: the keys, then the other columns, which break ties, so rows sharing a key
    /// (where no unique index rules that out) pair up the same way on both sides; behind a unique key SQLite needs
    /// no sort for them.
    private var order: String { (keys + columns.filter { !keys.contains($0) }).joined(separator: ", ") }

    /// The live rows in the order SQLite stores them (no index, no sort), for `digest(_:on:)`.
    var liveRows: String { "SELECT \(columns.joined(separator: ", ")) FROM main.\(table ?? name)" }

    /// The live rows for a walk: with their rowids after the columns when the walk keeps its changes.
    private var walkedLiveRows: String {
        keeping ? "SELECT \(columns.joined(separator: ", ")), rowid FROM main.\(table ?? name)" : liveRows
    }

    /// The fresh build's rows in the order SQLite stores them, for `digest(_:on:)`.
    var freshRows: String {
        let source = table.map { fresh($0) } ?? HistoryView.source(of: name, in: fresh, columns: columns)
        return "SELECT \(columns.joined(separator: ", ")) FROM \(source)"
    }

    /// The live rows, in `order`.
    var liveQuery: String { "\(walkedLiveRows)\(whereFilter) ORDER BY \(order)" }

    /// The fresh build's rows, in `order`.
    var freshQuery: String { "\(freshRows)\(whereFilter) ORDER BY \(order)" }

    private var whereFilter: String { filter.map { " WHERE \($0)" } ?? "" }

    /// The digest of the rows `query` gives on `connection`, in any order, with its sums per bucket of `keys` (see
    /// `TableDigest`).
    func digest(_ query: String, on connection: Connection) throws(LedgerError) -> TableDigest {
        let statement = try connection.prepare(query)
        var builder = TableDigest.Builder(
            columns: columns.indices.map(Int32.init), keys: keyIndexes.map(Int32.init))
        while try statement.step() { builder.add(statement) }
        return builder.digest
    }

    /// Where the keys are among `columns`.
    var keyIndexes: [Int] { keys.compactMap { columns.firstIndex(of: $0) } }

    /// Compares the two sides. Both are first read in the order SQLite stores them, paired row by row (a build writes
    /// its rows in the live tables' order, so each side's n-th row is usually the same ad-day): no sort, no index. When
    /// a pair's keys differ, a key repeats, or one side runs out first, that walk is dropped and both sides are walked
    /// in key order instead; either walk finds the same.
    ///
    /// With `liveRowsPath`, the walk in stored order reads the live side aside (`runInStoredOrder(on:feed:)`), and
    /// falls back to reading it here when that fails.
    func run(on connection: Connection) throws(LedgerError) -> Outcome {
        if let liveRowsPath {
            let feed = liveRows("\(walkedLiveRows)\(whereFilter)", from: liveRowsPath)
            switch try runInStoredOrder(on: connection, feed: feed) {
            case .paired(let outcome): return outcome
            case .unpaired: return try runInKeyOrder(on: connection)
            case .feedFailed: break
            }
        }
        if let outcome = try runInStoredOrder(on: connection) { return outcome }
        return try runInKeyOrder(on: connection)
    }

    /// The walk in stored order, or nil when the sides do not pair up row by row with each key once (then only a walk
    /// in key order pairs them as SQL's keys do). Every pair has equal keys and no key repeats, so the pairs are
    /// the ones the walk in key order makes: nothing is added or removed, and the first change in key order is the
    /// changed pair with the least key.
    func runInStoredOrder(on connection: Connection) throws(LedgerError) -> Outcome? {
        let keyIndexes = self.keyIndexes
        let live = try connection.prepare("\(walkedLiveRows)\(whereFilter)")
        let built = try connection.prepare("\(freshRows)\(whereFilter)")
        var outcome = start
        var seen = SeenKeys(unique: keysAreUnique)
        var differing = [Bool](repeating: false, count: columns.count)
        while true {
            let hasLive = try live.step()
            guard hasLive == (try built.step()) else { return nil }
            guard hasLive else { break }
            guard Self.compareKeys(live, built, at: keyIndexes) == 0, seen.insert(live, keys: keyIndexes) else {
                return nil
            }
            outcome.rowsRead += 2
            guard compareColumns(live, built, into: &outcome, differing: &differing) else { continue }
            nameIfLeast(live, built, keyIndexes: keyIndexes, differing: differing, into: &outcome)
        }
        outcome.inStoredOrder = true
        return outcome
    }

    /// Names a changed pair as the first difference when its key is the least changed one met so far (a walk in
    /// stored order meets the keys in any order).
    private func nameIfLeast<Row: ComparedRow>(
        _ live: Row, _ built: Row, keyIndexes: [Int], differing: [Bool], into outcome: inout Outcome
    ) {
        let key = keyIndexes.map { live.value(at: $0) }
        if let least = outcome.firstChangedKey, !Self.precedes(key, least) { return }
        outcome.firstChanged = changeText(live, built, keyIndexes, differing)
        outcome.firstChangedKey = key
    }

    /// The live rows `query` gives (the walked columns, then the rowid when the walk keeps its changes), read from
    /// the ledger at `path` on a connection and thread of their own.
    func liveRows(_ query: String, from path: String) -> LiveRowFeed {
        LiveRowFeed(path: path, query: query, columns: columns.count + (keeping ? 1 : 0))
    }

    /// How a walk in stored order with the live side read aside ended.
    enum StoredOrderWalk {
        case paired(Outcome)
        /// The sides do not pair up row by row with each key once (`runInStoredOrder(on:)` returns nil).
        case unpaired
        /// The live rows could not be read aside.
        case feedFailed
    }

    /// `runInStoredOrder(on:)` with the live rows from `feed`: the fresh rows are gathered as the feed gathers the
    /// live ones, and a pair whose bytes are the same is equal with no column compared.
    func runInStoredOrder(on connection: Connection, feed: LiveRowFeed) throws(LedgerError) -> StoredOrderWalk {
        defer { feed.close() }
        let keyIndexes = self.keyIndexes
        let built = try connection.prepare("\(freshRows)\(whereFilter)")
        let gathered = RowBytes()
        let all = columns.indices.map(Int32.init)
        let offsets = UnsafeMutableBufferPointer<Int>.allocate(capacity: max(columns.count, 1))
        defer { offsets.deallocate() }
        var outcome = start
        var seen = SeenKeys(unique: keysAreUnique)
        var differing = [Bool](repeating: false, count: columns.count)
        while true {
            let live: GatheredRow?
            switch feed.step() {
            case .row(let row): live = row
            case .end: live = nil
            case .failed: return .feedFailed
            }
            guard (live != nil) == (try built.step()) else { return .unpaired }
            guard let live else { break }
            gathered.removeAll()
            built.gatherRow(columns: all, into: gathered)
            outcome.rowsRead += 2
            if GatheredRow.same(live.prefix(columns: columns.count), gathered.bytes) {
                // The same bytes: the same keys and values.
                guard seen.insert(live, keys: keyIndexes) else { return .unpaired }
                continue
            }
            guard let fresh = GatheredRow(gathered.bytes, columns: columns.count, offsets: offsets) else {
                return .feedFailed
            }
            guard Self.compareKeys(live, fresh, at: keyIndexes) == 0, seen.insert(live, keys: keyIndexes) else {
                return .unpaired
            }
            guard compareColumns(live, fresh, into: &outcome, differing: &differing) else { continue }
            nameIfLeast(live, fresh, keyIndexes: keyIndexes, differing: differing, into: &outcome)
        }
        outcome.inStoredOrder = true
        return .paired(outcome)
    }

    /// Both sides in key order, side by side: a key only one side has is a row added or removed.
    func runInKeyOrder(on connection: Connection) throws(LedgerError) -> Outcome {
        let keyIndexes = self.keyIndexes
        let live = try connection.prepare(liveQuery)
        let built = try connection.prepare(freshQuery)
        var outcome = start
        var hasLive = try live.step()
        var hasBuilt = try built.step()
        var differing = [Bool](repeating: false, count: columns.count)
        while hasLive || hasBuilt {
            let step = pair(
                live: hasLive ? live : nil, built: hasBuilt ? built : nil, keyIndexes: keyIndexes, into: &outcome,
                differing: &differing)
            if step != .built { hasLive = try live.step() }
            if step != .live { hasBuilt = try built.step() }
        }
        return outcome
    }

    /// Which side(s) a step of the walk in key order used up.
    enum KeyOrderStep {
        /// A row only the live table has (removed).
        case live
        /// A row only the build has (added).
        case built
        /// A pair with one key, compared.
        case both
    }

    /// One step of the walk in key order, with each side's current row (nil once a side has run out; not both):
    /// counts a removed, added or compared row into `outcome` and says which side(s) to step on. `keyIndexes`: where
    /// the keys are among the columns.
    func pair<Row: ComparedRow>(
        live: Row?, built: Row?, keyIndexes: [Int], into outcome: inout Outcome, differing: inout [Bool]
    ) -> KeyOrderStep {
        guard let live else {
            if let built {
                outcome.added += 1
                if outcome.firstAdded == nil { outcome.firstAdded = keyText(built, keyIndexes) }
            }
            outcome.rowsRead += 1
            return .built
        }
        guard let built else {
            outcome.removed += 1
            if outcome.firstRemoved == nil { outcome.firstRemoved = keyText(live, keyIndexes) }
            outcome.rowsRead += 1
            return .live
        }
        let order = Self.compareKeys(live, built, at: keyIndexes)
        if order < 0 {
            return pair(live: live, built: nil as Row?, keyIndexes: keyIndexes, into: &outcome, differing: &differing)
        }
        if order > 0 {
            return pair(live: nil as Row?, built: built, keyIndexes: keyIndexes, into: &outcome, differing: &differing)
        }
        if compareColumns(live, built, into: &outcome, differing: &differing), outcome.firstChanged == nil {
            outcome.firstChanged = changeText(live, built, keyIndexes, differing)
            outcome.firstChangedKey = keyIndexes.map { live.value(at: $0) }
        }
        outcome.rowsRead += 2
        return .both
    }

    /// Compares every column of a pair of rows with the same key, counting the changed ones into `outcome`;
    /// `differing` marks them. Whether any changed.
    private func compareColumns<Row: ComparedRow>(
        _ live: Row, _ built: Row, into outcome: inout Outcome, differing: inout [Bool]
    ) -> Bool {
        var any = false
        for column in columns.indices {
            let same = Self.equal(live, built, at: column)
            differing[column] = !same
            if !same {
                any = true
                outcome.changedPerColumn[column] += 1
            }
        }
        guard any else { return false }
        outcome.changed += 1
        outcome.currentVersions?.note(live: live, built: built, differing: differing)
        if outcome.changes != nil {
            if outcome.changed > keepsChanges {
                outcome.changes = nil
            } else {
                outcome.changes?.append(
                    Change(rowid: live.int64(at: columns.count), values: columns.indices.map { built.value(at: $0) }))
            }
        }
        return true
    }

    // MARK: text for the report

    private func keyText(_ statement: some ComparedRow, _ keyIndexes: [Int]) -> String {
        keyIndexes.map { "\(columns[$0])=\(statement.value(at: $0).plainText)" }.joined(separator: ", ")
    }

    private func changeText<Row: ComparedRow>(_ live: Row, _ built: Row, _ keyIndexes: [Int], _ differing: [Bool])
        -> String
    {
        let changed = columns.indices.filter { differing[$0] }
        return Self.changeText(
            table: name, key: keyText(live, keyIndexes),
            changes: changed.map { (columns[$0], live.value(at: $0), built.value(at: $0)) })
    }

    /// How the report names a changed row: `table row key: column is live but the log gives fresh; …`.
    static func changeText(table: String, key: String, changes: [(column: String, live: SQLValue, fresh: SQLValue)])
        -> String
    {
        let parts = changes.map { "\($0.column) is \($0.live.plainText) but the log gives \($0.fresh.plainText)" }
        return "\(table) row \(key): \(parts.joined(separator: "; "))"
    }

    // MARK: comparing in place

    /// The two current rows' keys in `ORDER BY` order: negative when `a`'s comes first.
    static func compareKeys<Row: ComparedRow>(_ a: Row, _ b: Row, at indexes: [Int]) -> Int {
        for index in indexes {
            let order = a.order(at: index, against: b)
            if order != 0 { return order }
        }
        return 0
    }

    /// Whether one column of the two current rows holds the same value (SQL's `IS`).
    static func equal<Row: ComparedRow>(_ a: Row, _ b: Row, at index: Int) -> Bool {
        a.order(at: index, against: b) == 0
    }

    /// Whether key `a` comes before key `b` in `ORDER BY` order (as `Statement.order` orders values).
    static func precedes(_ a: [SQLValue], _ b: [SQLValue]) -> Bool {
        for (x, y) in zip(a, b) {
            let order = sqlOrder(x, y)
            if order != 0 { return order < 0 }
        }
        return false
    }

    /// Two values in `ORDER BY` order: negative when `x` comes first.
    private static func sqlOrder(_ x: SQLValue, _ y: SQLValue) -> Int {
        func rank(_ value: SQLValue) -> Int {
            switch value {
            case .null: 0
            case .integer, .real: 1
            case .text: 2
            case .blob: 3
            }
        }
        func order<T: Comparable>(_ a: T, _ b: T) -> Int { a == b ? 0 : (a < b ? -1 : 1) }
        switch (x, y) {
        case (.integer(let a), .integer(let b)): return order(a, b)
        case (.integer(let a), .real(let b)): return order(Double(a), b)
        case (.real(let a), .integer(let b)): return order(a, Double(b))
        case (.real(let a), .real(let b)): return order(a, b)
        case (.text(let a), .text(let b)):
            return a.utf8.elementsEqual(b.utf8) ? 0 : (a.utf8.lexicographicallyPrecedes(b.utf8) ? -1 : 1)
        case (.blob(let a), .blob(let b)): return a == b ? 0 : (a.lexicographicallyPrecedes(b) ? -1 : 1)
        default: return order(rank(x), rank(y))
        }
    }
}
