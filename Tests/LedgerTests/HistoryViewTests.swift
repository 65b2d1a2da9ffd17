import Foundation
import Testing

@testable import Ledger

/// Schema 10: `meta_ads_performance_history` is a view over the replaced versions and the performance rows. On
/// generated histories (restatements, breakdown parts, vanished rows, brand links and unlinks, objects, mappings),
/// taking a ledger back to schema 9's layout (a history table holding every version, as the previous release kept
/// it) and migrating it again gives every projection, view and `history` answer, now and as of each event, as
/// before; and the migration runs in one transaction.
@Suite struct HistoryViewTests {
    static let seeds: [UInt64] = [7, 20_251_210]

    /// What readers see: every projection and view, each ad's `history`, and the snapshot as of a few times.
    func answers(_ reader: LedgerReader, times: [String]) throws -> [String] {
        var answers = ["\(try ProjectionSnapshot(reader))"]
        let now = try ProjectionSnapshot(reader)
        answers += ProjectionSnapshot.names.map { "\($0): \(now.tables[$0] ?? [])" }
        for row in try reader.connection.rows("SELECT DISTINCT meta_ad_id FROM meta_ads_performance ORDER BY 1") {
            let id = try #require(row[0].text)
            let history = try reader.history(adId: id, date: nil)
            answers.append("history \(id): \(history.columns) \(history.rows)")
        }
        for time in times {
            try reader.setAsOf(time)
            let then = try ProjectionSnapshot(reader)
            answers += ProjectionSnapshot.names.map { "as of \(time) \($0): \(then.tables[$0] ?? [])" }
            try reader.setAsOf(nil)
        }
        return answers
    }

    @Test(arguments: seeds)
    func migratingASchema9LedgerKeepsEveryAnswer(seed: UInt64) throws {
        let test = try TestLedger()
        let clock = try SteppedClock("2025-12-15T06:00:00Z")
        let writer = try Ledger(path: test.path, clock: { clock.now })
        var generator = LedgerHistoryGenerator(seed: seed, ledger: writer, clock: clock, directory: test.directory)
        try generator.run(steps: 80)
        // A brand linked after every fetch: each current version was fetched under another brand than its row's.
        for row in try writer.connection.rows("SELECT DISTINCT meta_ad_account_id FROM meta_ads_performance") {
            _ = try writer.linkBrand("late-brand", account: try #require(row[0].text), name: nil, primary: true)
        }
        try generator.run(steps: 20)
        let times = try writer.connection.rows("SELECT recorded_at FROM events ORDER BY seq").compactMap { $0[0].text }
        let picked = stride(from: times.count / 4, to: times.count, by: max(1, times.count / 4)).map { times[$0] }
        let reader = try test.reader()
        #expect(try reader.connection.scalar("SELECT count(*) FROM meta_ads_performance_replaced")?.integer ?? 0 > 0)
        #expect(
            try reader.connection.scalar(
                "SELECT count(*) FROM meta_ads_performance WHERE version_brand_id IS NOT NULL")?.integer ?? 0 > 0,
            "the history has current versions fetched under another brand")
        let before = try answers(reader, times: picked)

        try SchemaRollback.toSchema9(writer.connection)
        try SchemaRollback.markAt(9, writer.connection)
        let type = "SELECT type FROM sqlite_master WHERE name = 'meta_ads_performance_history'"
        #expect(try writer.connection.scalar(type)?.text == "table")
        let migrated = try test.open()
        #expect(try migrated.connection.scalar("PRAGMA user_version")?.integer == Int64(SchemaFile.latestVersion))
        let after = try answers(try test.reader(), times: picked)
        #expect(after.count == before.count)
        for (a, b) in zip(after, before) where a != b {
            Issue.record("seed \(seed): \(a.prefix(300)) vs \(b.prefix(300))")
        }
        #expect(try migrated.verify().ok)
    }

    @Test func aFailingMigrationLeavesTheLedgerAsItWas() throws {
        let test = try TestLedger()
        try FileManager.default.copyItem(
            atPath: TestLedger.repository.appendingPathComponent("Fixtures/legacy/v9-history/ledger.sqlite").path,
            toPath: test.path)
        // An object named like the last thing schema 10 creates: its last statement fails, after every other one ran.
        do {
            let connection = try Connection(path: test.path, mode: .readWrite)
            try connection.execute(
                """
                CREATE TRIGGER drift_segments_replaced_delete AFTER DELETE ON meta_ad_accounts BEGIN SELECT 1; END;
                """)
        }
        let dump = { () throws -> [String] in
            try SchemaRollback.dump(
                path: test.path,
                [
                    "SELECT * FROM meta_ads_performance_history ORDER BY seq",
                    "SELECT * FROM meta_ads_performance ORDER BY rowid",
                ])
        }
        let before = try dump()
        #expect(throws: LedgerError.self) { try test.open() }
        #expect(try dump() == before)
        #expect(before.last == "\(SQLValue.integer(9))")
    }
}
