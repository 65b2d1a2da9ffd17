import Foundation
import Sync
import Testing

@testable import Ledger

/// A comparison whose digests differ walks only the key buckets that differ (`KeyBucket`): it must find exactly what
/// a walk over every row finds, and read far fewer rows.
@Suite struct ProjectionNarrowingTests {
    /// An insights page of `ads` ads (ids from 5000), each on `days` days from 2025-11-01.
    static func page(ads: Int, days: Int, spend: (Int, Int) -> String) -> String {
        var rows: [String] = []
        for ad in 0..<ads {
            for day in 1...days {
                let date = "2025-11-0\(day)"
                rows.append(
                    #"{"account_id":"42","account_currency":"USD","ad_id":"\#(5000 + ad)","ad_name":"WP | C3 | x.png","#
                        + #""campaign_id":"9","adset_id":"8","date_start":"\#(date)","date_stop":"\#(date)","#
                        + #""spend":"\#(spend(ad, day))","impressions":"1000","clicks":"20"}"#)
            }
        }
        return #"{"data":[\#(rows.joined(separator: ","))]}"#
    }

    /// 2,000 ad-days; the 100 of ads 5000–5019 fetched again with another spend (100 replaced versions).
    func populated() throws -> TestLedger {
        let test = try TestLedger()
        _ = try test.open(at: "2025-12-01T05:00:00Z").ingest(
            files: [try test.file("a.json", Self.page(ads: 400, days: 5) { _, _ in "10.50" })], account: nil)
        _ = try test.open(at: "2025-12-02T05:00:00Z").ingest(
            files: [try test.file("b.json", Self.page(ads: 20, days: 5) { ad, day in "\(ad).\(day)5" })], account: nil)
        return test
    }

    /// Every projection's diff against a fresh build in temp tables, through the live digests (narrowed) and by a
    /// walk over every row (no digests), as verify and rebuild compare them.
    func diffs(_ test: TestLedger) throws -> (narrowed: [ProjectionDiff], full: [ProjectionDiff]) {
        let reader = try test.reader()
        let connection = reader.connection
        return try connection.readSnapshot(rollsBack: true) { () throws(LedgerError) in
            let build = ProjectionBuild(connection: connection, tables: .temporary)
            try build.createTables()
            var live: LiveDigests?
            try build.project(afterReplay: { live = LiveDigests(path: test.path) })
            var narrowed: [ProjectionDiff] = []
            var full: [ProjectionDiff] = []
            for name in ProjectionTables.projections {
                narrowed.append(
                    try ProjectionDiff.compare(
                        name, fresh: .temporary, performance: narrowed.first { $0.table == "meta_ads_performance" },
                        live: live, on: connection))
                full.append(
                    try ProjectionDiff.compare(
                        name, fresh: .temporary, performance: full.first { $0.table == "meta_ads_performance" },
                        on: connection))
            }
            try? AsOfView.remove(from: connection)
            return (narrowed, full)
        }
    }

    @Test func anUnchangedLedgerComparesNoRow() throws {
        let test = try populated()
        let (narrowed, _) = try diffs(test)
        for diff in narrowed {
            #expect(diff.isEmpty, "\(diff.summary)")
            #expect(diff.rowsCompared == 0, "\(diff.table)")
        }
    }

    @Test func aWalkOverTheBucketsThatDifferFindsWhatAWalkOverEveryRowFinds() throws {
        let test = try populated()
        do {
            let ledger = try test.open()
            try ledger.connection.execute(
                """
                UPDATE meta_ads_performance SET spend = 99 WHERE meta_ad_id IN ('5003', '5377') AND date = '2025-11-02';
                UPDATE meta_ads_performance SET date = '2025-10-31' WHERE meta_ad_id = '5100' AND date = '2025-11-01';
                DELETE FROM meta_ads_performance_replaced
                    WHERE seq = (SELECT min(seq) FROM meta_ads_performance_replaced);
                UPDATE report_ad_buckets SET spend_micros = spend_micros + 1
                    WHERE rowid = (SELECT max(rowid) FROM report_ad_buckets);
                """)
        }
        let (narrowed, full) = try diffs(test)
        for (cut, whole) in zip(narrowed, full) {
            #expect(cut == whole, "\(cut.summary) vs \(whole.summary)")
            #expect(cut.summary == whole.summary)
            #expect(cut.firstDifference == whole.firstDifference)
        }
        let performance = try #require(narrowed.first { $0.table == "meta_ads_performance" })
        #expect(performance.summary == "meta_ads_performance: 1 added, 1 removed, 2 changed (spend ×2)")
        #expect(performance.firstDifference?.contains("meta_ad_id=5003, date=2025-11-02") == true)
        // The history is keyed by seq: the moved ad-day's current version changed its date.
        let history = try #require(narrowed.first { $0.table == HistoryView.name })
        #expect(history.summary == "meta_ads_performance_history: 1 added, 0 removed, 3 changed (date ×1, spend ×2)")
        // (The live summaries followed the performance rows' changes through their triggers, and one more.)
        let buckets = try #require(narrowed.first { $0.table == ReportSummary.table })
        #expect(buckets.removed == 1 && buckets.changed == 3, "\(buckets.summary)")
        // Each walk read a few buckets' rows, where a walk over everything reads every row of both sides.
        for name in ["meta_ads_performance", HistoryView.name] {
            let cut = try #require(narrowed.first { $0.table == name })
            let whole = try #require(full.first { $0.table == name })
            #expect(whole.rowsCompared >= 4_000, "\(name)")
            #expect(cut.rowsCompared * 50 < whole.rowsCompared, "\(name): \(cut.rowsCompared) of \(whole.rowsCompared)")
        }
    }

    @Test func aChangeToEveryRowIsWalkedInStoredOrderAndFindsWhatAWalkInKeyOrderFinds() throws {
        let (performance, history) = try changedEverywhere(
            """
            UPDATE meta_ads_performance SET spend = spend + 1;
            UPDATE meta_ads_performance_replaced SET clicks = clicks + 1;
            """)
        // The build wrote its rows in the live tables' order: each side's n-th row is the same version.
        #expect(performance.walkedInStoredOrder && history.walkedInStoredOrder)
        #expect(performance.summary == "meta_ads_performance: 0 added, 0 removed, 2000 changed (spend ×2000)")
        #expect(
            history.summary
                == "meta_ads_performance_history: 0 added, 0 removed, 2100 changed (spend ×2000, clicks ×100)")
        // The replaced versions came first (seq 2–101): the first difference is one of them.
        #expect(history.firstDifference?.hasPrefix("meta_ads_performance_history row seq=2: clicks") == true, "\(history.firstDifference ?? "")")
        // The current versions were counted on the performance rows' walk: the history's walk read only the 100
        // replaced versions of each side.
        #expect(history.rowsCompared <= 200)
    }

    @Test func theHistorysCurrentVersionsCountedOnThePerformanceWalkAreWhatAWalkOverTheViewFinds() throws {
        // A current version changed first (seq 102, the first version of ad 5020), replaced versions after it (the
        // second fetch of ads 5000–5004, replaced by a third).
        let (_, history) = try changedEverywhere(
            """
            UPDATE meta_ads_performance SET impressions = impressions + 1 WHERE meta_ad_id > '5100';
            UPDATE meta_ads_performance SET ad_name = 'renamed' WHERE meta_ad_id = '5020';
            UPDATE meta_ads_performance_replaced SET clicks = clicks + 1 WHERE seq > 2000;
            """, refetched: true)
        #expect(history.rowsCompared <= 250)
        #expect(history.summary.contains("clicks ×25"), "\(history.summary)")
        #expect(history.firstDifference?.hasPrefix("meta_ads_performance_history row seq=102: ad_name") == true, "\(history.firstDifference ?? "")")
        // A column the view computes its brand_id from changed (to what gives the same brand): the view is walked.
        let (_, rebranded) = try changedEverywhere(
            "UPDATE meta_ads_performance SET version_brand_id = x'', spend = spend + 1 WHERE meta_ad_id = '5300'")
        #expect(rebranded.summary.hasSuffix("5 changed (spend ×5)"), "\(rebranded.summary)")
        // And an ad-day only the live table has (its version, keyed by seq, changed its date).
        let (moved, movedHistory) = try changedEverywhere(
            "UPDATE meta_ads_performance SET date = '2025-10-31', spend = 3 WHERE meta_ad_id = '5200' AND date = '2025-11-01'")
        #expect(moved.added == 1 && moved.removed == 1, "\(moved.summary)")
        #expect(movedHistory.summary.hasSuffix("0 added, 0 removed, 1 changed (date ×1, spend ×1)"), "\(movedHistory.summary)")
    }

    /// The performance and history diffs after `drift` (SQL run on the live tables), each checked against a walk in
    /// key order over every row of the table or view.
    func changedEverywhere(_ drift: String, refetched: Bool = false) throws
        -> (performance: ProjectionDiff, history: ProjectionDiff)
    {
        let test = try populated()
        if refetched {
            _ = try test.open(at: "2025-12-03T05:00:00Z").ingest(
                files: [try test.file("c.json", Self.page(ads: 5, days: 5) { ad, day in "\(ad).\(day)7" })], account: nil)
        }
        do {
            let ledger = try test.open()
            try ledger.connection.execute(drift)
        }
        let reader = try test.reader()
        let connection = reader.connection
        return try connection.readSnapshot(rollsBack: true) { () throws(LedgerError) in
            let build = ProjectionBuild(connection: connection, tables: .temporary)
            try build.createTables()
            var live: LiveDigests?
            try build.project(afterReplay: { live = LiveDigests(path: test.path) })
            let performance = try ProjectionDiff.compare(
                "meta_ads_performance", fresh: .temporary, live: live, on: connection)
            let history = try ProjectionDiff.compare(
                HistoryView.name, fresh: .temporary, performance: performance, live: live, on: connection)
            for (diff, inKeyOrder) in [
                (performance, try ProjectionDiff.merge("meta_ads_performance", fresh: .temporary, currentVersionsEqual: false, on: connection)),
                (history, try ProjectionDiff.merge(HistoryView.name, fresh: .temporary, currentVersionsEqual: false, on: connection)),
            ] {
                let walked = try inKeyOrder.runInKeyOrder(on: connection)
                #expect(walked.changed == diff.changed && walked.added == diff.added && walked.removed == diff.removed)
                let columns = zip(inKeyOrder.columns, walked.changedPerColumn).filter { $0.1 > 0 }
                #expect(columns.map(\.0) == diff.changedColumns.map(\.column), "\(diff.table)")
                #expect(columns.map(\.1) == diff.changedColumns.map(\.rows), "\(diff.table)")
                let first = walked.firstChanged ?? walked.firstAdded.map { "\(diff.table) is missing the row \($0)" }
                #expect(first == diff.firstDifference, "\(diff.table)")
            }
            try? AsOfView.remove(from: connection)
            return (performance, history)
        }
    }

    @Test func keysThatSQLFindsEqualShareABucketAndManyKeysSpreadOverTheBuckets() throws {
        let connection = try Connection(path: ":memory:", mode: .readWrite)
        let f = KeyBucket.functionName
        for (a, b) in [("5", "5.0"), ("0", "-0.0"), ("-7", "-7.0"), ("'ab', 3", "'ab', 3.0")] {
            #expect(try connection.scalar("SELECT \(f)(\(a)) = \(f)(\(b))") == .integer(1), "\(a) vs \(b)")
        }
        // The hash is fixed (not seeded per process): a live digest read on another connection buckets alike.
        #expect(try connection.scalar("SELECT \(f)('5000', '2025-11-01')") == .integer(KeyBucketFixture.known))
        let spread = try connection.scalar(
            """
            WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 1999)
            SELECT count(DISTINCT \(f)(CAST(5000 + i / 5 AS TEXT), '2025-11-0' || (1 + i % 5))) FROM n
            """)?.integer
        #expect((spread ?? 0) > 800)
        for value in try connection.rows("SELECT \(f)(x'00ff', NULL, 2.5, 'é')").flatMap({ $0 }) {
            #expect((0..<Int64(KeyBucket.count)).contains(value.integer ?? -1))
        }
    }
}

/// The bucket `adledger_key_bucket('5000', '2025-11-01')` gives: FNV-1a over (text tag, length, bytes) of each.
private enum KeyBucketFixture {
    static let known: Int64 = {
        var state: UInt64 = 0xcbf2_9ce4_8422_2325
        func feed(_ byte: UInt8) { state = (state ^ UInt64(byte)) &* 0x0000_0100_0000_01b3 }
        for text in ["5000", "2025-11-01"] {
            feed(3)  // SQLITE_TEXT
            for shift in stride(from: 0, to: 32, by: 8) { feed(UInt8(truncatingIfNeeded: text.utf8.count >> shift)) }
            for byte in text.utf8 { feed(byte) }
        }
        return Int64(state % 1_024)
    }()
}
