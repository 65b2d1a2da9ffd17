import Foundation
import Testing

@testable import Ledger

/// The bulk build (workers decode and normalise, one writer, set-based finish) gives exactly the rows of replaying
/// the log event by event through `Projector`, on seeded histories with breakdown parts, vanish and coverage
/// events, brand links, objects and mappings.
@Suite struct BulkProjectionBuildTests {
    /// `readsLogAside`: the log read on a second connection and thread, as rebuild and verify read it.
    @Test(arguments: [UInt64(3), 20_251_201, 0xB01D], [false, true])
    func bulkBuildEqualsTheSequentialReplay(seed: UInt64, readsLogAside: Bool) throws {
        let test = try TestLedger()
        let clock = try SteppedClock("2025-12-15T06:00:00Z")
        let ledger = try Ledger(path: test.path, clock: { clock.now })
        var generator = LedgerHistoryGenerator(seed: seed, ledger: ledger, clock: clock, directory: test.directory)
        try generator.run(steps: 90)
        let connection = ledger.connection
        let build = ProjectionBuild(connection: connection, tables: .fresh)
        try build.createTables()
        let sequentialSeq = try build.project(sequentially: true)
        for name in ProjectionTables.names {
            try connection.execute("CREATE TEMP TABLE sequential_\(name) AS SELECT * FROM main.rebuild_\(name)")
        }
        try build.createTables()
        #expect(try build.project(readsLogAside: readsLogAside) == sequentialSeq)
        #expect(try connection.scalar("SELECT count(*) FROM main.rebuild_insight_parts")?.integer ?? 0 > 0)
        // Superseded versions, so the set-based valid_to is compared too.
        #expect(
            try connection.scalar(
                "SELECT count(*) FROM main.rebuild_meta_ads_performance_replaced WHERE valid_to IS NOT NULL")?.integer
                ?? 0 > 0)
        for name in ProjectionTables.names {
            let rows = try connection.scalar("SELECT count(*) FROM temp.sequential_\(name)")?.integer ?? 0
            #expect(try connection.scalar("SELECT count(*) FROM main.rebuild_\(name)")?.integer == rows, "\(name)")
            let missing = try connection.scalar(
                "SELECT count(*) FROM (SELECT * FROM temp.sequential_\(name) EXCEPT SELECT * FROM main.rebuild_\(name))")?
                .integer
            let extra = try connection.scalar(
                "SELECT count(*) FROM (SELECT * FROM main.rebuild_\(name) EXCEPT SELECT * FROM temp.sequential_\(name))")?
                .integer
            #expect(missing == 0 && extra == 0, "seed \(seed) \(name): \(rows) rows, \(missing ?? -1) missing, \(extra ?? -1) extra")
        }
    }
}
