import Foundation
import Sync
import Testing

@testable import Ledger

/// `rebuild` when only a few rows changed: those rows are updated in place (`ProjectionPatch`), and the live tables
/// end up as a swap of the fresh build would leave them, row for row and in the same order.
@Suite struct RebuildPatchTests {
    /// The root page of each table: a swap gives a table a new one, a patch keeps it.
    func rootPages(_ test: TestLedger) throws -> [String: Int64] {
        let ledger = try test.open()
        var pages: [String: Int64] = [:]
        for row in try ledger.connection.rows("SELECT name, rootpage FROM sqlite_master WHERE type = 'table'") {
            if let name = row[0].text, let page = row[1].integer { pages[name] = page }
        }
        return pages
    }

    /// Every projection of a fresh build (temp tables) compared with the live one by a walk over every row: none
    /// differs, and the performance rows and versions pair up with the live ones row by row in stored order.
    func expectLiveEqualsAFreshBuild(_ test: TestLedger, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let reader = try test.reader()
        let connection = reader.connection
        try connection.readSnapshot(rollsBack: true) { () throws(LedgerError) in
            let build = ProjectionBuild(connection: connection, tables: .temporary)
            try build.createTables()
            try build.project()
            var performance: ProjectionDiff?
            for name in ProjectionTables.projections {
                let diff = try ProjectionDiff.compare(
                    name, fresh: .temporary, performance: performance, on: connection)
                if name == "meta_ads_performance" { performance = diff }
                #expect(diff.isEmpty, "\(diff.summary)", sourceLocation: sourceLocation)
                // Where a floating-point sum over the rows depends on their order (the summaries sum integers).
                if name == "meta_ads_performance" || name == HistoryView.name {
                    #expect(
                        diff.walkedInStoredOrder, "\(name) is not in the fresh build's order",
                        sourceLocation: sourceLocation)
                }
            }
            try? AsOfView.remove(from: connection)
        }
        #expect(try reader.verify().ok, sourceLocation: sourceLocation)
    }

    @Test func aFewDriftedRowsArePatchedInPlace() throws {
        let test = try ProjectionNarrowingTests().populated()
        do {
            // The summaries' triggers follow the drifted performance rows, so they drift too.
            let ledger = try test.open()
            try ledger.connection.execute(
                "UPDATE meta_ads_performance SET spend = 99, clicks = NULL WHERE meta_ad_id IN ('5003', '5377')")
        }
        let before = try rootPages(test)
        let report = try test.open().rebuild(dryRun: false)
        let performance = try #require(report.diffs.first { $0.table == "meta_ads_performance" })
        #expect(performance.summary == "meta_ads_performance: 0 added, 0 removed, 10 changed (spend ×10, clicks ×10)")
        #expect(report.diffs.first { $0.table == ReportSummary.table }?.isEmpty == false)
        #expect(try rootPages(test) == before)
        try expectLiveEqualsAFreshBuild(test)
        // Nothing is left to change.
        #expect(try test.open().rebuild(dryRun: true).changed == false)
    }

    @Test func aDriftedReplacedVersionIsPatchedInItsTable() throws {
        let test = try ProjectionNarrowingTests().populated()
        do {
            let ledger = try test.open()
            ledger.connection.setTriggersEnabled(false)
            try ledger.connection.execute(
                "UPDATE meta_ads_performance_replaced SET impressions = 7 WHERE seq = (SELECT min(seq) FROM meta_ads_performance_replaced)")
        }
        let before = try rootPages(test)
        let report = try test.open().rebuild(dryRun: false)
        let history = try #require(report.diffs.first { $0.table == HistoryView.name })
        #expect(history.summary == "meta_ads_performance_history: 0 added, 0 removed, 1 changed (impressions ×1)")
        #expect(try rootPages(test) == before)
        try expectLiveEqualsAFreshBuild(test)
    }

    @Test func driftedPerformanceRowsAndReplacedVersionsArePatchedTogether() throws {
        let test = try ProjectionNarrowingTests().populated()
        do {
            let ledger = try test.open()
            try ledger.connection.execute(
                """
                UPDATE meta_ads_performance SET impressions = 5 WHERE meta_ad_id = '5250';
                UPDATE meta_ads_performance_replaced SET clicks = 3
                    WHERE seq IN (SELECT seq FROM meta_ads_performance_replaced ORDER BY seq DESC LIMIT 2);
                """)
        }
        let before = try rootPages(test)
        let report = try test.open().rebuild(dryRun: false)
        let history = try #require(report.diffs.first { $0.table == HistoryView.name })
        // The view's diff: its current versions' (counted on the performance rows' pass) and its replaced ones'.
        #expect(
            history.summary == "meta_ads_performance_history: 0 added, 0 removed, 7 changed (impressions ×5, clicks ×2)")
        #expect(try rootPages(test) == before)
        try expectLiveEqualsAFreshBuild(test)
    }

    @Test func aRowRemovedOrEveryRowChangedSwapsTheFreshTablesIn() throws {
        for drift in [
            "DELETE FROM meta_ads_performance WHERE meta_ad_id = '5100' AND date = '2025-11-03'",
            "UPDATE meta_ads_performance SET spend = spend + 1",
        ] {
            // 2,100 performance rows: more than a patch takes when every one changes.
            let test = try ProjectionNarrowingTests().populated()
            _ = try test.open(at: "2025-12-03T05:00:00Z").ingest(
                files: [try test.file("c.json", ProjectionNarrowingTests.page(ads: 420, days: 5) { _, _ in "10.50" })],
                account: nil)
            try test.open().connection.execute(drift)
            let before = try rootPages(test)
            #expect(try test.open().rebuild(dryRun: false).changed, "\(drift)")
            #expect(try rootPages(test)["meta_ads_performance"] != before["meta_ads_performance"], "\(drift)")
            try expectLiveEqualsAFreshBuild(test)
        }
    }
}
