import Foundation

extension LedgerReader {
    /// Re-walks the hash chain, re-hashes every payload, checks stream heads, and re-derives every
    /// projection from the log to compare with the live tables. Reads only.
    public func verify() throws(LedgerError) -> VerifyReport {
        var problems: [String] = []
        let check = try connection.rows("PRAGMA quick_check(3)").compactMap { $0.first?.text }
        if check != ["ok"] {
            // SQLite may put several findings, and a "*** in database main ***" header, in one row.
            let findings = check.flatMap { $0.split(separator: "\n") }.map { $0.trimmingCharacters(in: .whitespaces) }
                .filter { !$0.isEmpty && !$0.hasPrefix("*** in database") }
            return VerifyReport(
                events: 0, payloads: 0,
                problems: ["the SQLite file is damaged: \(findings.prefix(3).joined(separator: "; "))"])
        }
        let cache = try WidePageCache(connection: connection)
        defer { cache.restore() }
        // 1. The chain, and 2. the payloads: hashed on every core, checked in order.
        let chain = try ChainWalk(connection: connection).run()
        let eventCount = chain.events
        problems += chain.problem.map { [$0] } ?? []
        let payloadWalk = try PayloadWalk(connection: connection).run()
        let payloadCount = payloadWalk.payloads
        problems += payloadWalk.problem.map { [$0] } ?? []
        if let missing = try connection.scalar(
            "SELECT min(e.seq) FROM events e WHERE NOT EXISTS (SELECT 1 FROM payloads p WHERE p.hash = e.payload_hash)")?
            .integer
        {
            problems.append("event seq \(missing): its payload is missing")
        }
        // 3. Stream heads.
        if let stream = try connection.scalar(
            """
            SELECT e.stream FROM events e LEFT JOIN stream_heads h ON h.stream = e.stream
            GROUP BY e.stream HAVING max(e.version) IS NOT max(h.version) LIMIT 1
            """)?.text
        {
            problems.append("stream \(stream): stream_heads does not match the log")
        }
        guard problems.isEmpty else { return VerifyReport(events: eventCount, payloads: payloadCount, problems: problems) }
        // 4. The projections, re-derived into temp tables and compared, in one read transaction: outside one, each
        // statement of the build would commit the temp database on its own (walking its whole page cache), and the
        // comparison reads the log as the build read it. The temp tables are dropped with the rollback.
        defer { try? AsOfView.remove(from: connection) }
        try connection.execute("BEGIN DEFERRED")
        do {
            problems += try projectionProblems()
            try connection.execute("ROLLBACK")
        } catch {
            try? connection.execute("ROLLBACK")
            throw error
        }
        return VerifyReport(events: eventCount, payloads: payloadCount, problems: problems)
    }

    /// Re-derives every projection into temp tables and names each that differs from the live one.
    private func projectionProblems() throws(LedgerError) -> [String] {
        let build = ProjectionBuild(connection: connection, tables: .temporary)
        try build.createTables()
        try build.project()
        // match_suggestions is refreshed when a command finishes; a command killed before that leaves it
        // behind the log, which the next write command repairs. That is not damage.
        let suggestionsStale = try suggestionsAreStale()
        var problems: [String] = []
        for name in ProjectionTables.names where !(name == "match_suggestions" && suggestionsStale) {
            let diff = try ProjectionDiff.compare(name, fresh: .temporary, on: connection)
            if !diff.isEmpty {
                problems.append("projection \(diff.firstDifference ?? diff.summary); run `adledger rebuild`")
            }
        }
        return problems
    }
}
