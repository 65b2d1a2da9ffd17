import Foundation
import Testing

@testable import Ledger

/// As-of must equal live (issue 11 §3): on seeded random histories, every projection and view, every column.
@Suite struct AsOfPropertyTests {
    static let seeds: [UInt64] = [1, 20_251_208, 0xAD1E_D6E5]

    /// A ledger holding a generated history, and the recorded_at of each of its events in seq order.
    func history(seed: UInt64, steps: Int = 70) throws -> (TestLedger, [String]) {
        let test = try TestLedger()
        let clock = try SteppedClock("2025-12-15T06:00:00Z")
        let writer = try Ledger(path: test.path, clock: { clock.now })
        var generator = LedgerHistoryGenerator(seed: seed, ledger: writer, clock: clock, directory: test.directory)
        try generator.run(steps: steps)
        let times = try writer.connection.rows("SELECT recorded_at FROM events ORDER BY seq").compactMap { $0[0].text }
        return (test, times)
    }

    @Test(arguments: seeds)
    func asOfAfterTheLastEventEqualsLive(seed: UInt64) throws {
        let (test, times) = try history(seed: seed)
        let last = try #require(times.last)
        let reader = try test.reader()
        let live = try ProjectionSnapshot(reader)
        // The history exercises what as-of must reproduce.
        #expect((live.tables["meta_ads_performance"]?.count ?? 0) > 5)
        #expect(
            try test.rows("SELECT count(*) FROM meta_ads_performance WHERE vanished_at IS NOT NULL", ledger: reader)
                != [["0"]])
        #expect(
            try test.rows(
                "SELECT count(*) FROM meta_ads_performance WHERE fetched_at > first_fetched_at AND revisions = 1",
                ledger: reader) != [["0"]])
        #expect(
            try test.rows("SELECT count(*) FROM meta_ad_mapping WHERE meta_campaign_id IS NOT NULL", ledger: reader)
                != [["0"]])
        #expect(try test.rows("SELECT count(*) FROM insight_parts", ledger: reader) != [["0"]])
        // Objects, status changes, and performance rows that learned from them.
        #expect(
            try test.rows(
                "SELECT count(*) > 0 FROM meta_ad_status_history WHERE valid_to IS NOT NULL", ledger: reader) == [["1"]])
        #expect(try test.rows("SELECT count(*) > 0 FROM meta_adsets", ledger: reader) == [["1"]])
        #expect(
            try test.rows(
                "SELECT count(*) > 0 FROM meta_ads_performance WHERE ad_status IS NOT NULL AND is_video IS NOT NULL",
                ledger: reader) == [["1"]])
        for time in [last, "2030-01-01T00:00:00Z"] {
            try reader.setAsOf(time)
            let asOf = try ProjectionSnapshot(reader)
            #expect(asOf == live, "seed \(seed) as of \(time): \(asOf.firstDifference(from: live) ?? "")")
        }
        try reader.setAsOf(nil)
        #expect(try ProjectionSnapshot(reader) == live)
        #expect(try reader.verify().ok)
    }

    @Test(arguments: seeds)
    func asOfEqualsTheProjectionsOfTheEventsRecordedByThen(seed: UInt64) throws {
        let (test, times) = try history(seed: seed)
        let reader = try test.reader()
        // Times of events at a quarter, half and three quarters of the log, one between two events, and one
        // before the first.
        var points = [times[times.count / 4], times[times.count / 2], times[times.count * 3 / 4]]
        if let gap = Array(zip(times, times.dropFirst())).last(where: { $0.0 < $0.1 }) {
            points.append(String(gap.0.dropLast(4)) + "500Z")
        }
        points.append("2025-12-01T00:00:00Z")
        for point in points {
            let time = try Timestamp.parseUserTime(point)
            try reader.setAsOf(point)
            let asOf = try ProjectionSnapshot(reader)
            let rebuilt = try ProjectionSnapshot(try rebuiltPrefix(of: test, through: time))
            #expect(asOf == rebuilt, "seed \(seed) as of \(point): \(asOf.firstDifference(from: rebuilt) ?? "")")
        }
    }

    /// A new ledger holding only the events recorded up to `time`, with its projections rebuilt from them.
    func rebuiltPrefix(of test: TestLedger, through time: String) throws -> Ledger {
        let path = test.directory.appendingPathComponent("prefix-\(UUID().uuidString).sqlite").path
        let prefix = try Ledger(path: path)
        try prefix.connection.execute(
            """
            ATTACH DATABASE '\(test.path)' AS source;
            INSERT INTO payloads SELECT * FROM source.payloads;
            INSERT INTO event_contexts SELECT * FROM source.event_contexts WHERE recorded_at <= '\(time)';
            INSERT INTO event_log SELECT * FROM source.event_log WHERE context_id IN (SELECT id FROM event_contexts);
            DETACH DATABASE source;
            """)
        _ = try prefix.rebuild(dryRun: false)
        return prefix
    }
}
