import Foundation
import Testing

@testable import Ledger

/// `SummaryBuild` (the summaries of a full build, summed in Swift) writes exactly the rows, values, storage classes
/// and row order of `ReportSummary.rebuild()` and `DriftSummary.rebuild()`'s SQL, and its day and rounding
/// arithmetic is SQLite's.
@Suite struct SummaryBuildTests {
    /// Every row of the two summary tables with its rowid, as stored.
    static func summaries(_ connection: Connection) throws -> [[SQLValue]] {
        try connection.rows("SELECT rowid, * FROM report_ad_buckets ORDER BY rowid")
            + connection.rows("SELECT rowid, * FROM drift_segments ORDER BY rowid")
    }

    /// Builds the live summaries with the SQL and then with `SummaryBuild` (holding at most `groupLimit` drift groups
    /// of a kind in memory, handing `batchSize` rows at a time to its summing thread), and expects the same rows,
    /// and the digest of the performance rows a comparison would read the table for.
    static func expectSameAsSQL(
        _ connection: Connection, groupLimit: Int = SummaryBuild.driftGroupLimit,
        batchSize: Int = SummaryBuild.rowsPerBatch, sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        try connection.execute("BEGIN")
        defer { try? connection.execute("ROLLBACK") }
        try ReportSummary(connection: connection, tables: .live).rebuild()
        try DriftSummary(connection: connection, tables: .live).rebuild()
        let sql = try summaries(connection)
        try connection.execute("DELETE FROM report_ad_buckets; DELETE FROM drift_segments")
        var build = SummaryBuild(connection: connection, tables: .live, groupLimit: groupLimit)
        build.batchSize = batchSize
        build.takesDigests = true
        let built = try build.build()
        #expect(
            built.report && built.drift, "summed in Swift, not handed back to the SQL", sourceLocation: sourceLocation)
        // Each digest given is the one a walk over the table gives; only drift's may be missing, where its groups
        // were written out and summed by the SQL.
        for table in ["meta_ads_performance", ReportSummary.table, DriftSummary.table] {
            if let digest = built.digests[table] {
                #expect(try digest == tableDigest(connection, table: table), "\(table)", sourceLocation: sourceLocation)
            } else {
                #expect(
                    table == DriftSummary.table && groupLimit < SummaryBuild.driftGroupLimit, "\(table): no digest",
                    sourceLocation: sourceLocation)
            }
        }
        let swift = try summaries(connection)
        #expect(swift.count == sql.count, sourceLocation: sourceLocation)
        #expect(
            swift == sql, "first difference: \(zip(swift, sql).first { $0 != $1 }.map { "\($0) vs \($1)" } ?? "-")",
            sourceLocation: sourceLocation)
    }

    /// The digest `ProjectionDiff` takes of a table by reading it.
    static func tableDigest(_ connection: Connection, table: String = "meta_ads_performance") throws -> TableDigest {
        let merge = try ProjectionDiff.merge(table, fresh: .live, currentVersionsEqual: true, on: connection)
        return try merge.digest(merge.liveRows, on: connection)
    }

    @Test(arguments: [UInt64(3), 20_251_201, 0xB01D])
    func generatedHistoriesGiveTheSQLRows(seed: UInt64) throws {
        let test = try TestLedger()
        let clock = try SteppedClock("2025-12-15T06:00:00Z")
        let ledger = try Ledger(path: test.path, clock: { clock.now })
        var generator = LedgerHistoryGenerator(seed: seed, ledger: ledger, clock: clock, directory: test.directory)
        try generator.run(steps: 90)
        #expect(try ledger.connection.scalar("SELECT count(*) FROM report_ad_buckets")?.integer ?? 0 > 0)
        try Self.expectSameAsSQL(ledger.connection)
    }

    /// Rows handed to the summing thread a few at a time, many batches in flight, and a batch the size of the
    /// table: the same rows in the same order, and the same digest.
    @Test(arguments: [1, 2, 5, 4_096])
    func anyBatchSizeGivesTheSameRows(batchSize: Int) throws {
        let fixture = try DriftSummaryTests.restated()
        let restated = try fixture.test.open()
        let rows = try #require(try restated.connection.scalar("SELECT count(*) FROM meta_ads_performance")?.integer)
        #expect(rows > 8, "several batches of 5")
        try Self.expectSameAsSQL(restated.connection, groupLimit: 2, batchSize: batchSize)
    }

    @Test func restatedLedgerGivesTheSQLRows() throws {
        let fixture = try DriftSummaryTests.restated()
        let ledger = try fixture.test.open()
        #expect(
            try ledger.connection.scalar("SELECT count(*) FROM drift_segments WHERE is_latest = 0")?.integer ?? 0 > 0)
        try Self.expectSameAsSQL(ledger.connection)
    }

    /// Drift groups written out as partial sums whenever more than a few are held, and summed by SQL at the end,
    /// give the same rows in the same order as groups held whole (each limit is below the groups of both kinds, so
    /// every build writes out, some several times).
    @Test(arguments: [1, 2, 7])
    func driftGroupsWrittenOutGiveTheSameRows(groupLimit: Int) throws {
        let fixture = try DriftSummaryTests.restated()
        let restated = try fixture.test.open()
        let kinds = try restated.connection.rows(
            "SELECT count(*) FROM drift_segments GROUP BY is_latest ORDER BY is_latest")
        #expect(kinds.count == 2 && kinds.allSatisfy { ($0[0].integer ?? 0) > Int64(groupLimit) }, "\(kinds)")
        try Self.expectSameAsSQL(restated.connection, groupLimit: groupLimit)

        let test = try TestLedger()
        let clock = try SteppedClock("2025-12-15T06:00:00Z")
        let ledger = try Ledger(path: test.path, clock: { clock.now })
        var generator = LedgerHistoryGenerator(seed: 20_251_202, ledger: ledger, clock: clock, directory: test.directory)
        try generator.run(steps: 90)
        #expect(try ledger.connection.scalar("SELECT count(*) FROM drift_segments")?.integer ?? 0 > Int64(groupLimit))
        try Self.expectSameAsSQL(ledger.connection, groupLimit: groupLimit)
        // Nothing is left behind in the temp schema.
        #expect(try ledger.connection.scalar("SELECT count(*) FROM temp.sqlite_master WHERE name LIKE '%partials%'") == .integer(0))
    }

    /// A value it does not reproduce (a REAL in an integer column, a key that is not ASCII, whose order Swift's
    /// strings would not give as SQLite's bytes do) leaves both tables to the SQL (drift's latest groups are summed
    /// in the same pass, which stops there), which gives the same rows as before.
    @Test(arguments: [
        "UPDATE meta_ads_performance SET impressions = impressions + 0.5 WHERE rowid = 3",
        "UPDATE meta_ads_performance SET meta_adset_id = 'adset-\u{E9}' WHERE rowid = 2",
    ])
    func anUnsupportedValueFallsBackToTheSQL(update: String) throws {
        let fixture = try DriftSummaryTests.restated()
        let ledger = try fixture.test.open()
        let connection = ledger.connection
        try connection.execute(update)
        try connection.execute("BEGIN")
        defer { try? connection.execute("ROLLBACK") }
        try ReportSummary(connection: connection, tables: .live).rebuild()
        try DriftSummary(connection: connection, tables: .live).rebuild()
        let sql = try Self.summaries(connection)
        try connection.execute("DELETE FROM report_ad_buckets; DELETE FROM drift_segments")
        var build = SummaryBuild(connection: connection, tables: .live)
        build.takesDigests = true
        let built = try build.build()
        #expect(!built.report && !built.drift)
        // Every row was still read, so the performance rows' digest holds; the summaries are the SQL's to write.
        #expect(try built.digests["meta_ads_performance"] == Self.tableDigest(connection))
        #expect(built.digests.count == 1)
        try ReportSummary(connection: connection, tables: .live).rebuild()
        try DriftSummary(connection: connection, tables: .live).rebuild()
        #expect(try Self.summaries(connection) == sql)
    }

    /// Every day from 1999 to 2031 gets SQLite's bucket and mask bit.
    @Test func bucketsAndDayBitsAreSQLites() throws {
        let test = try TestLedger()
        let connection = try test.open().connection
        let rows = try connection.rows(
            """
            WITH RECURSIVE d(day) AS (SELECT '1999-01-01' UNION ALL SELECT date(day, '+1 day') FROM d
                WHERE day < '2031-12-31')
            SELECT day, \(ReportSummary.bucket("day")), \(ReportSummary.dayBit("day")) FROM d
            """)
        #expect(rows.count > 11_000)
        for row in rows {
            let day = try #require(ReportBucket(date: row[0].text ?? ""))
            #expect(SQLValue.text(day.start) == row[1] && SQLValue.integer(day.dayBit) == row[2], "\(row)")
        }
        #expect(ReportBucket(date: "2025-02-30") == nil)
        #expect(ReportBucket(date: "2025-2-3") == nil)
    }

    /// Money in millionths rounds as SQLite's `round` does, halves and near-halves included.
    @Test func microsRoundAsSQLiteDoes() throws {
        let test = try TestLedger()
        let connection = try test.open().connection
        var values: [Double] = [
            0, 0.0000005, 0.0000015, 0.0000025, 1.0000005, 2.675, 17.195, 206.34, 0.1 + 0.2, 123_456.789_012_5,
            -0.0000005, -2.5e-7, -17.195, 4_503_599_627.370_495, 0.000_000_499_999_999_999_999_9,
        ]
        var random = SystemRandomNumberGenerator()
        for _ in 0..<2_000 {
            let cents = Double(Int.random(in: -10_000_000...10_000_000, using: &random))
            values.append(cents / 100)
            values.append(Double.random(in: -1_000...1_000, using: &random))
            values.append((cents + 0.5) / 1_000_000)
        }
        for value in values {
            let sql = try connection.scalar("SELECT \(ReportMetric.micros("?"))", [.real(value)])
            #expect(sql == .integer(try #require(Micros.of(value))), "\(value)")
        }
    }
}
