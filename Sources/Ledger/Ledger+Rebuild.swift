import Normalization

extension Ledger {
    /// Rebuilds every projection from the log into fresh tables beside the live ones, then swaps them in
    /// one transaction. With `dryRun`, reports what would change and swaps nothing. When the live performance
    /// rows were computed by an older normalizer, the report names the columns the new one adds, and notes
    /// each that no stored payload can fill.
    ///
    /// When every fresh table compares equal to its live one and the normalizer is the one the live rows were
    /// computed with, the live tables are already what the swap would leave (the fresh tables copy their schema,
    /// and their rows come in the live tables' order): the fresh tables are dropped by rolling back to a savepoint
    /// (none of their pages is committed, nor copied into the file by a checkpoint), and only the projections' state
    /// is recorded. A swap would commit every projection page again and leave the old ones free in the file. When
    /// only a few rows changed (no row added or removed; `ProjectionPatch`), the fresh tables are dropped the same way
    /// and those rows are updated in place to the fresh values, which leaves the tables as the swap would.
    public func rebuild(dryRun: Bool) throws(LedgerError) -> RebuildReport {
        let cache = try WidePageCache(connection: connection)
        defer { cache.restore() }
        try connection.execute("BEGIN IMMEDIATE")
        do {
            let previous = try ProjectionState.performanceNormalizerVersion(on: connection) ?? Normalizer.version
            try connection.execute("SAVEPOINT adledger_fresh_build")
            let build = ProjectionBuild(connection: connection, tables: .fresh)
            try build.createTables()
            // Nothing can commit while this transaction holds the write lock: the digests read what it compares.
            // They start once the replay is done, to use the core the summaries' builds leave idle.
            var live: LiveDigests?
            var freshDigests: [String: TableDigest] = [:]
            // The performance rows are compared as the summaries' build reads them (`KeyOrderStream`): their live
            // rows need no digest.
            let keepsChanges = dryRun ? 0 : ProjectionPatch.rowLimit
            let performanceWalk = try ProjectionDiff.walk(
                "meta_ads_performance", fresh: .fresh, currentVersionsEqual: false, keepsChanges: keepsChanges,
                on: connection)
            var walked: KeyOrderStream.Walked?
            let lastSeq = try build.project(
                readsLogAside: true,
                afterReplay: {
                    live = LiveDigests(path: connection.path, readsRowsAside: true, skipping: ["meta_ads_performance"])
                },
                digested: { freshDigests[$0] = $1 }, comparison: (performanceWalk, connection.path),
                walked: { walked = $0 })
            var diffs: [ProjectionDiff] = []
            var notes: [String] = []
            for name in ProjectionTables.projections {
                let performance = diffs.first { $0.table == "meta_ads_performance" }
                var diff = try ProjectionDiff.compare(
                    name, fresh: .fresh, performance: performance, live: live, freshDigest: freshDigests[name],
                    keepsChanges: keepsChanges, walked: name == "meta_ads_performance" ? walked : nil, on: connection)
                if PerformanceColumns.tables.contains(name) {
                    diff.addedColumns = PerformanceColumns.added(since: previous)
                    if name == "meta_ads_performance" && previous < 2 {
                        diff.addedColumns += ObjectProjections.performanceColumns
                    }
                    notes += try emptyColumnNotes(diff.addedColumns, table: name)
                }
                diffs.append(diff)
            }
            if dryRun {
                try connection.execute("ROLLBACK")
            } else if previous == Normalizer.version, diffs.allSatisfy(\.isEmpty) {
                try connection.execute("ROLLBACK TO adledger_fresh_build; RELEASE adledger_fresh_build")
                try ProjectionState.record(ProjectionTables.projections, through: lastSeq, rebuilt: true, on: connection)
                try connection.execute("COMMIT")
            } else if previous == Normalizer.version, let patches = ProjectionPatch.plan(diffs) {
                // A few rows changed: the fresh tables go as above, and those rows are updated in place.
                try connection.execute("ROLLBACK TO adledger_fresh_build; RELEASE adledger_fresh_build")
                connection.setTriggersEnabled(false)
                defer { connection.setTriggersEnabled(true) }
                for patch in patches { try patch.apply(on: connection) }
                try ProjectionState.record(ProjectionTables.projections, through: lastSeq, rebuilt: true, on: connection)
                try connection.execute("COMMIT")
            } else {
                try connection.execute("RELEASE adledger_fresh_build")
                try build.swapIntoLive(lastSeq: lastSeq)
                try connection.execute("COMMIT")
            }
            // The report does not hold on to the patches' rows.
            for index in diffs.indices { diffs[index].patch = nil }
            return RebuildReport(
                dryRun: dryRun, events: lastSeq, diffs: diffs, previousNormalizerVersion: previous, notes: notes)
        } catch {
            try? connection.execute("ROLLBACK")
            throw error
        }
    }

    /// What the object columns of `meta_ads_performance` are read from.
    private static let objectSources = [
        "ad_status": "ad objects", "is_video": "ad creative objects", "campaign_objective": "campaign objects",
    ]

    /// A note for each of `columns` that is NULL in every row of the fresh `table`.
    private func emptyColumnNotes(_ columns: [String], table: String) throws(LedgerError) -> [String] {
        guard !columns.isEmpty else { return [] }
        let tableColumns = try connection.rows("SELECT name FROM pragma_table_info(?)", [.text(table)]).compactMap {
            $0[0].text
        }
        let fresh = HistoryView.source(of: table, in: .fresh, columns: tableColumns)
        let rows = try connection.scalar("SELECT count(*) FROM \(fresh)")?.integer ?? 0
        guard rows > 0 else { return [] }
        var notes: [String] = []
        for column in columns where try connection.scalar("SELECT count(\(column)) FROM \(fresh)")?.integer == 0 {
            let source = Self.objectSources[column] ?? Normalizer.source(ofColumn: column)
            let why =
                Normalizer.fieldsAddedInVersion2.contains(source)
                ? " (syncs before normalizer 2 did not request it; syncs from now on fill it for the days they fetch)"
                : Self.objectSources[column] == nil
                    ? "" : " (syncs before normalizer 2 did not read them; the next sync does)"
            notes.append("\(table).\(column) is NULL in all \(rows) rows: no stored fetch has \(source)\(why)")
        }
        return notes
    }
}
