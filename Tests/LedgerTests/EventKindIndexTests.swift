import Foundation
import Sync
import Testing

@testable import Ledger

/// Schemas 12 and 13: `events_kind` (now `event_log_kind`) holds every event but `insight.fetched`. The readers of
/// other kinds name the partial index's term, so they still seek it; the counts per kind, the `events --kind` listings and every projection and
/// as-of answer are what they were; a schema-11 ledger upgrades to it in one transaction.
@Suite struct EventKindIndexTests {
    /// A generated history: syncs with coverage and vanished days, objects, brand links, creatives, mappings.
    static func generated(_ test: TestLedger, seed: UInt64 = 5) throws -> Ledger {
        let clock = try SteppedClock("2025-12-15T06:00:00Z")
        let writer = try Ledger(path: test.path, clock: { clock.now })
        var generator = LedgerHistoryGenerator(seed: seed, ledger: writer, clock: clock, directory: test.directory)
        try generator.run(steps: 80)
        return writer
    }

    static func plan(_ connection: Connection, _ sql: String, _ arguments: [SQLValue] = []) throws -> String {
        try connection.rows("EXPLAIN QUERY PLAN " + sql, arguments).compactMap { $0.last?.text }.joined(separator: "; ")
    }

    /// What readers by kind see: the counts per kind, each kind's `events` listing, the projections and history.
    static func answers(_ test: TestLedger) throws -> [String] {
        let reader = try test.reader()
        var answers = ["\(try reader.status().eventsByKind.sorted { $0.key < $1.key })"]
        for kind in EventKind.allCases.map(\.rawValue) + [nil] {
            let (sql, parameters) = LedgerReader.eventsSQL(kind: kind, limit: 50)
            var rows: [String] = []
            try reader.query(sql, parameters: parameters, columns: { _ in }, row: { rows.append("\($0)") })
            answers.append("events \(kind ?? "all"): \(rows)")
        }
        answers.append("stale \(try reader.suggestionsAreStale())")
        answers += try HistoryViewTests().answers(reader, times: [])
        return answers
    }

    @Test func readersOfOtherKindsSeekThePartialIndex() throws {
        let test = try TestLedger()
        let ledger = try Self.generated(test)
        let connection = ledger.connection
        let sql = try #require(
            try connection.scalar("SELECT sql FROM sqlite_master WHERE name = 'event_log_kind'")?.text)
        #expect(sql.hasSuffix("WHERE kind_id <> 1"), "\(sql)")
        // The index holds the other kinds' events, and no more.
        let others = try connection.scalar("SELECT count(*) FROM event_log NOT INDEXED WHERE kind_id <> 1")
        #expect(
            try connection.scalar("SELECT count(*) FROM event_log INDEXED BY event_log_kind WHERE kind_id <> 1")
                == others)
        #expect((others?.integer ?? 0) > 0)

        // Counts per kind: the other kinds from the index, insight.fetched as the rest.
        var expected: [String: Int64] = [:]
        for row in try connection.rows("SELECT kind, count(*) FROM events GROUP BY kind") {
            expected[try #require(row[0].text)] = row[1].integer
        }
        #expect(try test.reader().status().eventsByKind == expected)
        #expect(expected["insight.fetched", default: 0] > 0 && expected["sync.chunk_completed", default: 0] > 0)

        // `events --kind K` seeks the index for every kind but insight.fetched, which it reads from the log's end.
        for kind in EventKind.allCases {
            let (listing, _) = LedgerReader.eventsSQL(kind: kind.rawValue, limit: 20)
            let plan = try Self.plan(connection, listing)
            if kind == .insightFetched {
                #expect(plan.contains("SCAN e") && !plan.contains("event_log_kind"), "\(plan)")
            } else {
                #expect(plan.contains("INDEX event_log_kind (kind_id=?)"), "\(kind): \(plan)")
            }
        }
        // The readers' own terms, as they spell them: sync resume and status, the replay of some kinds
        // (EventReader), the dictionary sampler.
        for sql in [
            "SELECT e.seq FROM event_log e WHERE \(EventKindIndex.matching("e", kind: "sync.planned")) ORDER BY e.seq DESC",
            "SELECT e.seq FROM event_log e WHERE e.kind_id IN (\(EventKindIndex.ids([.insightVanished, .syncChunkCompleted])))"
                + EventKindIndex.and("e", kinds: [.insightVanished, .syncChunkCompleted]) + " AND e.seq > 0",
            "SELECT kind_id, count(*) FROM event_log WHERE \(EventKindIndex.term()) GROUP BY kind_id",
        ] {
            let plan = try Self.plan(connection, sql)
            #expect(plan.contains("INDEX event_log_kind"), "\(sql): \(plan)")
        }
        #expect(EventKindIndex.and("e", kinds: [.syncStarted, .insightFetched]) == "")
        #expect(EventKindIndex.matching("e", kind: "no.such_kind") == "0")
        #expect(try ledger.verify().ok)
    }

    /// The suggestions' staleness check finds the last input event whether it is an insight or another kind.
    @Test func suggestionsStalenessSeesTheLastInputOfEitherKind() throws {
        let test = try TestLedger()
        let ledger = try test.open()
        _ = try ledger.ingest(files: [try test.file("a.json", insightPage())], account: nil)
        let reader = try test.reader()
        #expect(try !reader.suggestionsAreStale())
        // The last input event behind the suggestions' back (as a writer killed before refreshing them leaves it):
        // first an insight, then a brand link.
        let behind = { (kind: String) throws in
            try ledger.connection.execute(
                """
                UPDATE projection_state SET last_seq = (SELECT max(seq) FROM events WHERE kind = '\(kind)') - 1
                WHERE name = 'match_suggestions'
                """)
        }
        try behind("insight.fetched")
        #expect(try reader.suggestionsAreStale())
        _ = try ledger.linkBrand("WP", account: "act_42", name: nil, primary: true)
        #expect(try !reader.suggestionsAreStale())
        try behind("brand.account_linked")
        #expect(try reader.suggestionsAreStale(), "the brand link is the last input")
    }

    @Test func upgradingASchema11LedgerKeepsEveryAnswer() throws {
        let test = try TestLedger()
        let ledger = try Self.generated(test, seed: 12)
        let before = try Self.answers(test)
        try SchemaRollback.toSchema11(ledger.connection)
        try SchemaRollback.markAt(11, ledger.connection)
        #expect(
            try ledger.connection.scalar("SELECT sql FROM sqlite_master WHERE name = 'events_kind'")?.text
                == "CREATE INDEX events_kind ON events(kind)")
        let migrated = try test.open()
        #expect(try migrated.connection.scalar("PRAGMA user_version")?.integer == Int64(SchemaFile.latestVersion))
        let sql = try migrated.connection.scalar("SELECT sql FROM sqlite_master WHERE name = 'event_log_kind'")?.text
        #expect(sql?.hasSuffix("WHERE kind_id <> 1") == true)
        let after = try Self.answers(test)
        #expect(after.count == before.count)
        for (a, b) in zip(after, before) where a != b { Issue.record("\(a.prefix(300)) vs \(b.prefix(300))") }
        #expect(try migrated.verify().ok)
    }
}
