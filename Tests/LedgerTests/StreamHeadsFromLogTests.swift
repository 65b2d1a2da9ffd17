import Foundation
import JSON
import TestSupport
import Testing

@testable import Ledger

/// Schema 11 drops `stream_heads`: a stream's head (its latest version and payload hash) is read from the events
/// table's UNIQUE(stream, version) index. A schema-10 ledger upgrades in one transaction and answers every query as
/// before; unchanged rows are still recognised as unchanged (batched, in key order, on the preparing threads) and
/// append nothing; verify passes.
@Suite struct StreamHeadsFromLogTests {
    static let seeds: [UInt64] = [11, 20_251_211]

    /// `count` rows of ads from `ad` on, 28 days a month; `spend` varies the content.
    static func rows(_ count: Int, ad: Int, spend: Int = 0) -> [IngestRow] {
        (0..<count).map { i in
            let day = 1 + i % 28
            let month = 1 + (i / 28) % 12
            let date = "2025-\(month < 10 ? "0" : "")\(month)-\(day < 10 ? "0" : "")\(day)"
            let value = JSONValue.object([
                ("account_id", .string("42")), ("ad_id", .string(String(ad + i / 336))), ("date_start", .string(date)),
                ("date_stop", .string(date)), ("spend", .string("\((i + spend) % 90).25")),
                ("impressions", .string("\(100 + i)")),
            ])
            return IngestRow(value: value, locator: "row \(i + 1)")
        }
    }

    /// Takes a ledger at the current schema back to schema 10 (`stream_heads` kept as every append kept it).
    static func rollBackToSchema10(_ path: String) throws {
        let connection = try Connection(path: path, mode: .readWrite)
        try SchemaRollback.toSchema10(connection)
        try SchemaRollback.markAt(10, connection)
    }

    static func hasStreamHeads(_ connection: Connection) throws -> Bool {
        try connection.scalar("SELECT count(*) FROM sqlite_master WHERE name = 'stream_heads'")?.integer == 1
    }

    @Test(arguments: seeds)
    func upgradingASchema10LedgerKeepsEveryAnswerAndReingestAppendsNothing(seed: UInt64) throws {
        let test = try TestLedger()
        let clock = try SteppedClock("2025-12-15T06:00:00Z")
        let writer = try Ledger(path: test.path, clock: { clock.now })
        var generator = LedgerHistoryGenerator(seed: seed, ledger: writer, clock: clock, directory: test.directory)
        try generator.run(steps: 60)
        // Two files through ingest's batched head reads: 700 rows, then 300 of them changed.
        let first = Self.rows(700, ad: 700)
        let second = Array(Self.rows(700, ad: 700, spend: 7).prefix(300))
        _ = try writer.ingest([MemoryRows(name: "first", rows: first)], account: nil)
        _ = try writer.ingest([MemoryRows(name: "second", rows: second)], account: nil)
        let times = try writer.connection.rows("SELECT recorded_at FROM events ORDER BY seq").compactMap { $0[0].text }
        let picked = stride(from: times.count / 4, to: times.count, by: max(1, times.count / 4)).map { times[$0] }
        let before = try HistoryViewTests().answers(try test.reader(), times: picked)

        try Self.rollBackToSchema10(test.path)
        #expect(try Self.hasStreamHeads(writer.connection))
        let migrated = try test.open()
        #expect(try migrated.connection.scalar("PRAGMA user_version")?.integer == Int64(SchemaFile.latestVersion))
        #expect(try !Self.hasStreamHeads(migrated.connection))
        let after = try HistoryViewTests().answers(try test.reader(), times: picked)
        #expect(after.count == before.count)
        for (a, b) in zip(after, before) where a != b {
            Issue.record("seed \(seed): \(a.prefix(300)) vs \(b.prefix(300))")
        }
        let verify = try migrated.verify()
        #expect(verify.ok, "\(verify.problems)")

        // Re-ingest: the 300 changed rows and the 400 untouched ones are unchanged against the log's heads, so no
        // insight event is appended; the first 300 as first fetched are a third version of their days.
        let fetched = "SELECT count(*) FROM events WHERE kind = 'insight.fetched'"
        let events = try migrated.connection.scalar(fetched)?.integer ?? 0
        let again = try migrated.ingest(
            [MemoryRows(name: "second", rows: second), MemoryRows(name: "rest", rows: Array(first.suffix(400)))],
            account: nil)
        #expect(again.counts.unchanged == 700 && again.counts.new == 0 && again.counts.changed == 0, "\(again.counts)")
        #expect(try migrated.connection.scalar(fetched)?.integer == events)
        let back = try migrated.ingest([MemoryRows(name: "first", rows: Array(first.prefix(300)))], account: nil)
        #expect(back.counts.changed == 300, "\(back.counts)")
        #expect(
            try migrated.connection.scalar(
                "SELECT max(version) FROM events WHERE stream = 'ad:700:2025-01-01'")?.integer == 3)
        #expect(try migrated.verify().ok)
    }

    /// `compact` of a ledger the previous release wrote (schema 10) writes the current layout: no `stream_heads`, the
    /// partial `events_kind`; its heads are the log's, so a re-ingest of the same rows finds every one unchanged.
    @Test func compactingASchema10LedgerWritesTheNewLayout() throws {
        let test = try TestLedger()
        let rows = Self.rows(600, ad: 700)
        _ = try test.open().ingest([MemoryRows(name: "first", rows: rows)], account: nil)
        try Self.rollBackToSchema10(test.path)
        let target = test.directory.appendingPathComponent("compacted.sqlite").path
        let report = try test.open().compact(to: target)
        #expect(report.events > 600)
        let compacted = try Ledger(path: target, clock: { Date() })
        #expect(try !Self.hasStreamHeads(compacted.connection))
        let kindIndex = try compacted.connection.scalar("SELECT sql FROM sqlite_master WHERE name = 'event_log_kind'")
        #expect(kindIndex?.text?.hasSuffix("WHERE kind_id <> 1") == true)
        let again = try compacted.ingest([MemoryRows(name: "again", rows: rows)], account: nil)
        #expect(again.counts.unchanged == 600 && again.counts.new == 0 && again.counts.changed == 0, "\(again.counts)")
        #expect(try compacted.verify().ok)
    }

    /// The migration is one transaction: when its bookkeeping fails after the drop, the table is still there.
    @Test func aFailingMigrationLeavesTheLedgerAsItWas() throws {
        let test = try TestLedger()
        _ = try test.open().ingest([MemoryRows(name: "first", rows: Self.rows(50, ad: 700))], account: nil)
        try Self.rollBackToSchema10(test.path)
        do {
            // Schema 11's row in schema_migrations already there: recording the migration fails after its SQL ran.
            let connection = try Connection(path: test.path, mode: .readWrite)
            try connection.execute("INSERT INTO schema_migrations VALUES (11, 'in the way', '2025-12-15T06:00:00Z')")
        }
        let dump = { () throws -> [String] in
            try SchemaRollback.dump(path: test.path, ["SELECT * FROM stream_heads ORDER BY stream"])
        }
        let before = try dump()
        #expect(throws: LedgerError.self) { try test.open() }
        #expect(try dump() == before)
        #expect(before.last == "\(SQLValue.integer(10))")
    }

    /// The batched head reads give each stream's latest version and payload hash as the log holds them, whatever
    /// the order the streams come in, a stream asked for twice, and a stream with no events.
    @Test func probedHeadsAreTheLogsLatestEvents() throws {
        let test = try TestLedger()
        let ledger = try test.open()
        _ = try ledger.ingest([MemoryRows(name: "first", rows: Self.rows(400, ad: 700))], account: nil)
        _ = try ledger.ingest([MemoryRows(name: "second", rows: Self.rows(200, ad: 700, spend: 3))], account: nil)
        _ = try ledger.ingest([MemoryRows(name: "third", rows: Self.rows(100, ad: 700, spend: 5))], account: nil)
        var streams = try ledger.connection.rows("SELECT DISTINCT stream FROM events").compactMap { $0[0].text }
        streams += ["ad:700:2025-01-01", "ad:999:2025-01-01", "ad:700:2025-01-03"]
        var random = SplitMix64(seed: 12)
        streams.shuffle(using: &random)
        let probe = try #require(StreamHeadProbe(path: test.path))
        let heads = try #require(probe.heads(of: streams))
        #expect(heads.count == streams.count)
        var versions = Set<Int64>()
        for (stream, head) in zip(streams, heads) {
            let latest = try ledger.connection.rows(
                """
                SELECT version, payload_hash FROM events e
                WHERE stream = ? AND version = (SELECT max(version) FROM events WHERE stream = e.stream)
                """, [.text(stream)])
            if let row = latest.first {
                #expect(head == StreamHead(version: row[0].integer ?? -1, digest: PayloadDigest(stored: row[1])))
            } else {
                #expect(head == .none, "\(stream)")
            }
            versions.insert(head.version)
        }
        #expect(versions == [0, 1, 2, 3])
    }

    /// A head is one seek in the log's UNIQUE(stream, version) index, the highest version first (no scan, no sort),
    /// and one rowid lookup for its payload's hash.
    @Test func aHeadIsOneIndexSeek() throws {
        let test = try TestLedger()
        let ledger = try test.open()
        let plan = try ledger.connection.rows("EXPLAIN QUERY PLAN " + StreamHead.select, [.text("ad:1:2025-01-01")])
            .compactMap { $0.last?.text }
        #expect(
            plan == [
                "SEARCH e USING INDEX sqlite_autoindex_event_log_1 (stream=?)",
                "SEARCH p USING INTEGER PRIMARY KEY (rowid=?) LEFT-JOIN",
            ], "\(plan)")
    }
}
