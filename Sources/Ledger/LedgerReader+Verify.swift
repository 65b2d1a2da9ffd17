import Foundation

extension LedgerReader {
    /// Re-walks the hash chain, re-hashes every payload, and re-derives every
    /// projection from the log to compare with the live tables. Reads only.
    public func verify() throws(LedgerError) -> VerifyReport {
        // The log's own checks run on a second read-only connection, on another thread, while this one re-derives
        // the projections: each phase leaves a core idle much of the time. Their findings come first: a damaged file
        // or a broken chain is reported as before, whatever the projections gave (or failed with).
        // The replay confirms most of the log on its way (`LogAudit`); the log's checks walk only the rest.
        let audit = LogAudit()
        guard let logTask = LogCheck.start(path: path, audit: audit) else {
            // No second connection: one check after another on this one.
            return try report(LogCheck.run(on: connection)) { () throws(LedgerError) in try checkProjections() }
        }
        let projections = Result { () throws(LedgerError) in try checkProjections(audit: audit) }
        // (The build finished it once its replay ended, unless it failed.)
        audit.finish()
        return try report(logTask.wait().get()) { () throws(LedgerError) in try projections.get() }
    }

    /// What the projections' check found: an event whose payload is missing (the replay met it), and each projection
    /// that differs.
    private typealias ProjectionCheck = (missingPayload: Int64?, problems: [String])

    /// The report: the log's damage or problems when it has any (an event whose payload is missing among them, last,
    /// as the log's checks named it before the replay did), else what `projections` finds.
    private func report(_ log: LogCheck.Outcome, projections: () throws(LedgerError) -> ProjectionCheck)
        throws(LedgerError) -> VerifyReport
    {
        if let damage = log.damage { return VerifyReport(events: 0, payloads: 0, problems: [damage]) }
        // The log's problems are reported even when the projections' check failed.
        let check = Result { () throws(LedgerError) in try projections() }
        let missing = (try? check.get())?.missingPayload.map { ["event seq \($0): its payload is missing"] } ?? []
        guard log.problems.isEmpty && missing.isEmpty else {
            return VerifyReport(events: log.events, payloads: log.payloads, problems: log.problems + missing)
        }
        return VerifyReport(events: log.events, payloads: log.payloads, problems: try check.get().problems)
    }

    /// The projections, re-derived into temp tables and compared, in one read transaction: outside one, each
    /// statement of the build would commit the temp database on its own (walking its whole page cache), and the
    /// comparison reads the log as the build read it. The temp tables are dropped with the rollback.
    private func checkProjections(audit: LogAudit? = nil) throws(LedgerError) -> ProjectionCheck {
        let cache = try WidePageCache(connection: connection)
        defer { cache.restore() }
        defer { try? AsOfView.remove(from: connection) }
        return try connection.readSnapshot(rollsBack: true) { () throws(LedgerError) in
            try projectionProblems(audit: audit)
        }
    }

    /// Re-derives every projection into temp tables and names each that differs from the live one.
    private func projectionProblems(audit: LogAudit?) throws(LedgerError) -> ProjectionCheck {
        let build = ProjectionBuild(connection: connection, tables: .temporary)
        try build.createTables()
        // The live tables' digests, read once the replay is done, beside the summaries' builds.
        var live: LiveDigests?
        var missingPayload: Int64?
        var freshDigests: [String: TableDigest] = [:]
        try build.project(
            readsLogAside: true, afterReplay: { live = LiveDigests(path: path) },
            missingPayload: { missingPayload = $0 }, digested: { freshDigests[$0] = $1 }, audit: audit)
        // match_suggestions is refreshed when a command finishes; a command killed before that leaves it
        // behind the log, which the next write command repairs. That is not damage.
        let suggestionsStale = try suggestionsAreStale()
        var problems: [String] = []
        var performance: ProjectionDiff?
        for name in ProjectionTables.projections where !(name == "match_suggestions" && suggestionsStale) {
            let diff = try ProjectionDiff.compare(
                name, fresh: .temporary, performance: performance, live: live, freshDigest: freshDigests[name],
                on: connection)
            if name == "meta_ads_performance" { performance = diff }
            if !diff.isEmpty {
                problems.append("projection \(diff.firstDifference ?? diff.summary); run `adledger rebuild`")
            }
        }
        return (missingPayload, problems)
    }
}
