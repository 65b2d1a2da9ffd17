extension Ledger {
    /// Rebuilds every projection from the log into fresh tables beside the live ones, then swaps them in
    /// one transaction. With `dryRun`, reports what would change and swaps nothing.
    public func rebuild(dryRun: Bool) throws(LedgerError) -> RebuildReport {
        guard !isReadOnly else { throw .readOnly(path: path) }
        try connection.execute("BEGIN IMMEDIATE")
        do {
            let build = ProjectionBuild(connection: connection, tables: .fresh)
            try build.createTables()
            let lastSeq = try build.project()
            var diffs: [ProjectionDiff] = []
            for name in ProjectionTables.names {
                diffs.append(try ProjectionDiff.compare(name, fresh: .fresh, on: connection))
            }
            if dryRun {
                try connection.execute("ROLLBACK")
            } else {
                try build.swapIntoLive(lastSeq: lastSeq)
                try connection.execute("COMMIT")
            }
            return RebuildReport(dryRun: dryRun, events: lastSeq, diffs: diffs)
        } catch {
            try? connection.execute("ROLLBACK")
            throw error
        }
    }
}
