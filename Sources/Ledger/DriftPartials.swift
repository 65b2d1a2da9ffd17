/// Keeps `SummaryBuild`'s drift groups to a bounded number in memory: when more than a limit are held, their sums so
/// far go to a temp table as partial rows and the groups start empty; at the end the partial rows of each kind
/// (`is_latest` 1 or 0) are summed per key by SQL and inserted in key order.
///
/// The sums are exact integers, so a group's partial sums add up to the sum one pass would hold, and `GROUP BY` …
/// `ORDER BY` the key emits the groups in the order ``DriftGroups/sorted()`` gives (NULL first, ASCII text
/// bytewise): the same rows in the same order, whether or not anything was written out. A total that overflows
/// 64 bits stops SQLite's `sum()` with an error, as ``DriftGroups/add(_:column:at:counted:)`` stops on one: the
/// table is then left to the SQL (``merge(_:latest:)`` returns false).
///
/// The drift groups are the one part of a full build whose memory grows with the ledger: one group per account,
/// campaign, currency, date, fetch day (and replaced-until day), ~200–300 bytes each. A year of daily syncs with
/// Meta's 28-day lookback fetches each date on up to 28 days, so millions of groups; the limit holds them to a few
/// megabytes.
final class DriftPartials {
    private let connection: Connection
    private let tables: ProjectionTables
    private var insert: Statement?
    /// Whether groups of each kind were written out (index 1: latest values, 0: replaced versions).
    private var spilled = [false, false]

    private static let table = "temp.adledger_drift_partials"

    init(connection: Connection, tables: ProjectionTables) {
        self.connection = connection
        self.tables = tables
    }

    /// Whether any groups of this kind were written out (then ``merge(_:latest:)`` inserts them all).
    func hasSpilled(latest: Bool) -> Bool { spilled[latest ? 1 : 0] }

    /// Writes every group's sums so far as partial rows and empties `groups`.
    func spill(_ groups: inout DriftGroups, latest: Bool) throws(LedgerError) {
        let insert: Statement
        if let prepared = self.insert {
            insert = prepared
        } else {
            let columns = DriftSummary.columns
            try connection.execute(
                """
                CREATE TEMP TABLE IF NOT EXISTS adledger_drift_partials(\(columns.joined(separator: ", ")));
                DELETE FROM \(Self.table)
                """)
            insert = try connection.prepare(
                """
                INSERT INTO \(Self.table)(\(columns.joined(separator: ", ")))
                VALUES (\(Array(repeating: "?", count: columns.count).joined(separator: ", ")))
                """)
            self.insert = insert
        }
        for group in groups.unordered() {
            try insert.run(SummaryBuild.driftRow(group, of: groups, latest: latest))
        }
        groups.removeGroups()
        spilled[latest ? 1 : 0] = true
    }

    /// Writes out what `groups` still holds, then inserts the groups of this kind into `drift_segments`, summed per
    /// key, in key order; false when a sum overflows (nothing of this kind is inserted).
    func merge(_ groups: inout DriftGroups, latest: Bool) throws(LedgerError) -> Bool {
        try spill(&groups, latest: latest)
        let columns = DriftSummary.columns
        let key = columns[1..<7].joined(separator: ", ")
        let sums = columns.dropFirst(7).map { "sum(\($0))" }.joined(separator: ", ")
        do {
            try connection.execute(
                """
                INSERT INTO \(tables(DriftSummary.table))(\(columns.joined(separator: ", ")))
                SELECT is_latest, \(key), \(sums) FROM \(Self.table) WHERE is_latest = \(latest ? 1 : 0)
                GROUP BY \(key) ORDER BY \(key)
                """)
        } catch .sqlite(_, let message, _) where message.contains("integer overflow") {
            return false
        }
        return true
    }

    /// Drops the partial rows.
    func finish() {
        insert = nil
        try? connection.execute("DROP TABLE IF EXISTS \(Self.table)")
    }
}

@available(*, unavailable)
extension DriftPartials: Sendable {}
