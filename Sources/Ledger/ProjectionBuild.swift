/// Builds every projection from the whole log into tables beside the live ones (`main.rebuild_*` for a
/// rebuild, `temp.*` for verify), with the same projector the live path uses.
struct ProjectionBuild {
    let connection: Connection
    let tables: ProjectionTables

    /// Indexes only queries over the finished tables use (see `schema/`): a full build writes the tables without
    /// them, and a rebuild creates them once after the swap, instead of keeping them up to date row by row.
    static let indexesBuiltAfterwards: Set<String> = [
        "meta_ads_performance_brand", "meta_ads_performance_date", "meta_ads_performance_account",
        "meta_ads_performance_replaced_ad_date",
    ]

    /// Creates empty tables shaped like the live ones, for every projection or `names`, with the indexes the
    /// projector itself reads through (all of them with `allIndexes`).
    func createTables(_ names: [String] = ProjectionTables.names, allIndexes: Bool = false) throws(LedgerError) {
        for name in names {
            try connection.execute("DROP TABLE IF EXISTS \(tables(name))")
            guard let sql = try liveSQL(type: "table", name: name).first?.sql else { continue }
            try connection.execute(ProjectionDDL.rename(sql, table: name, to: tables(name)))
            for index in try liveSQL(type: "index", name: name)
            where allIndexes || !Self.indexesBuiltAfterwards.contains(index.name) {
                try connection.execute(
                    ProjectionDDL.renameIndex(index.sql, index: index.name, table: name, tables: tables))
            }
        }
    }

    /// Replays every event into the (empty) tables; returns the last seq applied. `BulkProjectionBuild` does it on
    /// every core and gives the rows `Projector` gives event by event (`sequentially`, kept for comparison); with
    /// `readsLogAside` it reads the log on a connection and thread of its own (for a build whose log is committed).
    /// `afterReplay` runs once the events are applied, before the summaries are built from the tables;
    /// `missingPayload` gets the first event whose payload row is missing (the replay leaves such events out), if
    /// the bulk build met one. `digested`, when given, gets the digests of fresh tables the build took on its way
    /// (`TableDigest`, over the columns `ProjectionDiff.columns` names), for a comparison that would read them again.
    /// `audit`, when given, gets what the replay confirms of the log itself, and is finished once the replay ends
    /// (not when the build fails: the caller finishes it then). With `comparison`, the summaries' build feeds the
    /// performance rows it reads to that walk (`SummaryBuild.comparison`), and `walked` gets what it found.
    @discardableResult
    func project(
        sequentially: Bool = false, readsLogAside: Bool = false, afterReplay: () -> Void = {},
        missingPayload: (Int64) -> Void = { _ in }, digested: ((String, TableDigest) -> Void)? = nil,
        audit: LogAudit? = nil, comparison: (merge: ProjectionMerge, livePath: String)? = nil,
        walked: (KeyOrderStream.Walked) -> Void = { _ in }
    ) throws(LedgerError) -> Int64 {
        let lastSeq: Int64
        if sequentially {
            let projector = Projector(connection: connection, tables: tables)
            try EventReader(connection: connection).forEach { (event: StoredEvent) throws(LedgerError) in
                try projector.apply(event)
            }
            lastSeq = projector.lastSeq
        } else {
            let bulk = try BulkProjectionBuild(
                connection: connection, tables: tables, readsLogAside: readsLogAside, audit: audit)
            lastSeq = try bulk.project()
            if let seq = bulk.firstMissingPayload { missingPayload(seq) }
        }
        // The log's checks wait for it, and run beside the rest of the build (the caller finishes it on a failure).
        audit?.finish()
        afterReplay()
        try SuggestionBuilder(connection: connection, tables: tables).rebuild()
        // Summed in Swift; the SQL builds a table where a value is outside what that reproduces.
        var summaryBuild = SummaryBuild(connection: connection, tables: tables)
        summaryBuild.takesDigests = digested != nil
        summaryBuild.comparison = comparison
        let summaries = try summaryBuild.build()
        if let performance = summaries.performanceWalk { walked(performance) }
        for (table, digest) in summaries.digests { digested?(table, digest) }
        if !summaries.report { try ReportSummary(connection: connection, tables: tables).rebuild() }
        if !summaries.drift { try DriftSummary(connection: connection, tables: tables).rebuild() }
        return lastSeq
    }

    /// The live `CREATE` statements of one type (table or index) for a table.
    func liveSQL(type: String, name: String) throws(LedgerError) -> [(name: String, sql: String)] {
        let column = type == "table" ? "name" : "tbl_name"
        return try connection.rows(
            "SELECT name, sql FROM main.sqlite_master WHERE type = ? AND \(column) = ? AND sql IS NOT NULL ORDER BY name",
            [.text(type), .text(name)]
        ).compactMap { row in
            guard let name = row[0].text, let sql = row[1].text else { return nil }
            return (name, sql)
        }
    }

    /// Swaps the fresh `main.rebuild_*` tables in place of the live ones (inside the caller's transaction).
    /// Triggers on the live tables (schema 8's upkeep of `report_ad_buckets`) go with their tables and are
    /// created again once every table is in place.
    ///
    /// The live tables are dropped with `secure_delete` off. The SQLite Debian ships turns it on, which overwrites
    /// every freed page with zeros: each page of the dropped tables is then written to the WAL at the commit, as
    /// many bytes again as the fresh tables. Their rows are what the log already holds (the token never reaches a
    /// projection), so there is nothing to scrub. Measured with the `sqlite3` shell on a 200k-row ledger, dropping
    /// the three largest tables and committing: 0.38 s with it on, 0.10 s off.
    func swapIntoLive(lastSeq: Int64) throws(LedgerError) {
        try connection.execute("PRAGMA legacy_alter_table = ON")
        defer { try? connection.execute("PRAGMA legacy_alter_table = OFF") }
        let secureDelete = try connection.scalar("PRAGMA main.secure_delete")?.integer ?? 0
        try connection.execute("PRAGMA main.secure_delete = OFF")
        defer { try? connection.execute("PRAGMA main.secure_delete = \(secureDelete)") }
        var triggers: [(name: String, sql: String)] = []
        for name in ProjectionTables.names { triggers += try liveSQL(type: "trigger", name: name) }
        for name in ProjectionTables.names {
            let indexes = try liveSQL(type: "index", name: name)
            try connection.execute("DROP TABLE main.\(name)")
            try connection.execute("ALTER TABLE \(tables(name)) RENAME TO \(name)")
            for index in indexes {
                try connection.execute("DROP INDEX IF EXISTS \(tables(index.name))")
                try connection.execute(index.sql)
            }
        }
        for trigger in triggers { try connection.execute(trigger.sql) }
        try ProjectionState.record(ProjectionTables.projections, through: lastSeq, rebuilt: true, on: connection)
    }
}
