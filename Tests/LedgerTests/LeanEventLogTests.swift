import Foundation
import Sync
import Testing

@testable import Ledger

/// Schemas 13 and 14: the log is `event_log`, holding ids where an event row held copies (the kind's name, the
/// payload's hash, the recorded_at and meta its transaction shares, the previous event's hash), and `events` a view
/// giving every column as the table did.
@Suite struct LeanEventLogTests {
    static let events = "SELECT * FROM events ORDER BY seq"

    /// The kinds the file names are the ones the code writes, under the same ids.
    @Test func eventKindsMatchTheCode() throws {
        let test = try TestLedger()
        let ledger = try test.open()
        let rows = try ledger.connection.rows("SELECT id, name FROM event_kinds ORDER BY id")
        #expect(
            rows.map { "\($0[0].integer ?? 0) \($0[1].text ?? "")" }
                == EventKind.allCases.sorted { $0.id < $1.id }.map { "\($0.id) \($0.rawValue)" })
    }

    /// A transaction's events share one context row (their recorded_at and the run's meta); a row of the log holds
    /// its own hash and ids, and the view joins them back.
    @Test func anEventRowHoldsIdsNotCopies() throws {
        let test = try TestLedger()
        let ledger = try test.open()
        let page = try test.file("a.json", insightPage())
        _ = try ledger.ingest(files: [page], account: nil)
        let columns = try ledger.connection.rows("PRAGMA table_info(event_log)").compactMap { $0[1].text }
        #expect(
            columns == [
                "seq", "kind_id", "stream", "version", "schema_version", "payload_id", "context_id", "hash",
            ])
        let insights = try ledger.connection.rows(
            "SELECT DISTINCT context_id FROM event_log WHERE kind_id = \(EventKind.insightFetched.id)")
        #expect(insights.count == 1, "the rows of one transaction share a context row: \(insights)")
        let views = try ledger.connection.rows(
            """
            SELECT v.payload_hash = p.hash, v.meta IS c.meta, v.recorded_at = c.recorded_at, v.kind = k.name
            FROM events v
            JOIN event_log e ON e.seq = v.seq JOIN payloads p ON p.id = e.payload_id
            JOIN event_kinds k ON k.id = e.kind_id JOIN event_contexts c ON c.id = e.context_id
            """)
        #expect(views.count > 2 && views.allSatisfy { $0 == Array(repeating: .integer(1), count: 4) })
        // A second run gets contexts of its own; no (recorded_at, meta) pair is stored twice.
        let contexts = try ledger.connection.scalar("SELECT count(*) FROM event_contexts")?.integer ?? 0
        _ = try ledger.ingest(files: [try test.file("b.json", insightPage(spend: "11.00"))], account: nil)
        #expect(try ledger.connection.scalar("SELECT count(*) FROM event_contexts")?.integer ?? 0 > contexts)
        #expect(
            try ledger.connection.scalar("SELECT count(*) FROM event_contexts")
                == ledger.connection.scalar("SELECT count(*) FROM (SELECT DISTINCT recorded_at, meta FROM events)"))
        #expect(try ledger.verify().ok)
    }

    /// A schema-12 ledger upgrades in place: the view gives every event exactly as the table held it, every
    /// reader's answer is the same, verify passes, and appending continues the chain.
    @Test func upgradingASchema12LedgerKeepsEveryEvent() throws {
        let test = try TestLedger()
        let ledger = try EventKindIndexTests.generated(test, seed: 13)
        let before = try ledger.connection.rows(Self.events)
        let answers = try EventKindIndexTests.answers(test)
        try SchemaRollback.toSchema12(ledger.connection)
        try SchemaRollback.markAt(12, ledger.connection)
        #expect(try ledger.connection.scalar("SELECT type FROM sqlite_master WHERE name = 'events'") == .text("table"))
        #expect(try ledger.connection.rows(Self.events) == before)
        let payloadRows = "SELECT id, hash, encoding, body, dictionary_id FROM payloads ORDER BY id"
        let payloads = try ledger.connection.rows(payloadRows)

        let migrated = try test.open()
        #expect(try migrated.connection.rows(payloadRows) == payloads)
        #expect(try migrated.connection.scalar("PRAGMA user_version")?.integer == Int64(SchemaFile.latestVersion))
        #expect(try migrated.connection.scalar("SELECT type FROM sqlite_master WHERE name = 'events'") == .text("view"))
        try Self.expectTheUpgradeKeeps(before, answers, migrated, test)
    }

    /// A schema-13 ledger upgrades in place (schemas 14 and 15): every event reads as before through the view, each
    /// transaction's events share one context row, every reader's answer is the same, and the chain continues.
    @Test func upgradingASchema13LedgerKeepsEveryEvent() throws {
        let test = try TestLedger()
        let ledger = try EventKindIndexTests.generated(test, seed: 14)
        let before = try ledger.connection.rows(Self.events)
        let answers = try EventKindIndexTests.answers(test)
        try SchemaRollback.toSchema13(ledger.connection)
        try SchemaRollback.markAt(13, ledger.connection)
        #expect(try ledger.connection.rows("PRAGMA table_info(event_log)").contains { $0[1] == .text("recorded_at") })
        #expect(try ledger.connection.rows(Self.events) == before)
        let adNameIndex = "SELECT count(*) FROM sqlite_master WHERE name = 'meta_ads_performance_ad_name'"
        #expect(try ledger.connection.scalar(adNameIndex)?.integer == 1)

        let migrated = try test.open()
        #expect(try migrated.connection.scalar("PRAGMA user_version")?.integer == Int64(SchemaFile.latestVersion))
        #expect(try migrated.connection.scalar(adNameIndex)?.integer == 0, "schema 15 drops the ad_name index")
        let contexts = try migrated.connection.scalar("SELECT count(*) FROM event_contexts")?.integer ?? 0
        #expect(contexts > 1 && contexts < Int64(before.count) / 2, "\(contexts) contexts for \(before.count) events")
        try Self.expectTheUpgradeKeeps(before, answers, migrated, test)
    }

    /// After an upgrade: the view gives the events `before` held, every reader gives its `answers`, each
    /// (recorded_at, meta) pair has one context row, verify passes, and an append continues the chain.
    static func expectTheUpgradeKeeps(_ before: [[SQLValue]], _ answers: [String], _ migrated: Ledger, _ test: TestLedger)
        throws
    {
        #expect(try migrated.connection.rows(Self.events) == before)
        let after = try EventKindIndexTests.answers(test)
        #expect(after.count == answers.count)
        for (a, b) in zip(after, answers) where a != b { Issue.record("\(a.prefix(300)) vs \(b.prefix(300))") }
        #expect(
            try migrated.connection.scalar("SELECT count(*) FROM event_contexts")
                == migrated.connection.scalar("SELECT count(*) FROM (SELECT DISTINCT recorded_at, meta FROM events)"))
        #expect(try migrated.verify().ok)
        _ = try migrated.ingest(files: [try test.file("late.json", insightPage(date: "2025-12-09", ad: "777"))], account: nil)
        let report = try migrated.verify()
        #expect(report.ok, "\(report.problems)")
        #expect(report.events == Int64(before.count) + 3)
    }

    /// Without UNIQUE(hash), content is still stored once: a stream whose content goes back to an earlier version's
    /// appends an event naming the payload row it already has. An insight row's payload is found among its stream's
    /// events (schema 16: it is stored `stream_bound`, outside the hash index); another kind's by hash.
    @Test func contentGoingBackReusesItsPayloadRow() throws {
        let test = try TestLedger()
        let ledger = try test.open()
        for (name, spend) in [("a", "10.50"), ("b", "11.00"), ("c", "10.50")] {
            _ = try ledger.ingest(files: [try test.file("\(name).json", insightPage(spend: spend))], account: nil)
        }
        let versions = try ledger.connection.rows(
            "SELECT version, payload_id FROM event_log WHERE stream = 'ad:111:2025-12-01' ORDER BY version")
        #expect(versions.count == 3)
        #expect(versions.first?[1] == versions.last?[1] && versions[0][1] != versions[1][1], "\(versions)")
        try Self.expectEachContentStoredOnce(ledger.connection)
        let plan = try EventKindIndexTests.plan(ledger.connection, EventLog.selectPayloadId, [.blob(Array(repeating: 1, count: 32))])
        #expect(plan.contains("USING INDEX payloads_hash_prefix"), "\(plan)")
        let streamPlan = try EventKindIndexTests.plan(
            ledger.connection, EventLog.selectStreamPayloadId,
            [.text("ad:111:2025-12-01"), .blob(Array(repeating: 1, count: 32))])
        #expect(streamPlan.contains("USING INDEX sqlite_autoindex_event_log_1 (stream=?)"), "\(streamPlan)")
        #expect(streamPlan.contains("USING INTEGER PRIMARY KEY"), "\(streamPlan)")
        // Every insight payload is stream-bound, and the hash index holds only the others (the runs' sync events).
        #expect(
            try ledger.connection.rows(
                """
                SELECT k.name = 'insight.fetched', p.stream_bound FROM event_log e
                JOIN event_kinds k ON k.id = e.kind_id JOIN payloads p ON p.id = e.payload_id GROUP BY 1, 2 ORDER BY 1
                """) == [[.integer(0), .null], [.integer(1), .integer(1)]])
        let indexed = try ledger.connection.scalar(
            "SELECT count(*) FROM payloads INDEXED BY payloads_hash_prefix WHERE stream_bound IS NULL")
        #expect(try indexed == ledger.connection.scalar("SELECT count(*) FROM event_log WHERE kind_id <> 1"))
        // Another kind's content seen again (a brand linked, unlinked and linked the same way) reuses its row by hash.
        _ = try ledger.linkBrand("WP", account: "act_42", name: nil, primary: true)
        try ledger.unlinkBrand("WP", account: "act_42")
        _ = try ledger.linkBrand("WP", account: "act_42", name: nil, primary: true)
        try Self.expectTheLinksShareTheirPayload(ledger.connection)
        #expect(try ledger.verify().ok)
    }

    /// A schema-15 ledger upgrades in place (schema 16): its payloads keep their rows and stay in the (now partial)
    /// hash index, so content going back to what an older release stored, of an insight stream or another kind,
    /// still reuses the row it has.
    @Test func upgradingASchema15LedgerKeepsItsPayloadsFindable() throws {
        let test = try TestLedger()
        let ledger = try test.open()
        _ = try ledger.ingest(files: [try test.file("a.json", insightPage(spend: "10.50"))], account: nil)
        _ = try ledger.linkBrand("WP", account: "act_42", name: nil, primary: true)
        try SchemaRollback.toSchema15(ledger.connection)
        try SchemaRollback.markAt(15, ledger.connection)
        let payloadRows = "SELECT id, hash, encoding, body, dictionary_id FROM payloads ORDER BY id"
        let payloads = try ledger.connection.rows(payloadRows)

        let migrated = try test.open()
        #expect(try migrated.connection.scalar("PRAGMA user_version")?.integer == Int64(SchemaFile.latestVersion))
        #expect(try migrated.connection.rows(payloadRows) == payloads)
        let streamBound = "SELECT count(*) FROM payloads WHERE stream_bound IS NOT NULL"
        #expect(try migrated.connection.scalar(streamBound) == .integer(0))
        _ = try migrated.ingest(files: [try test.file("b.json", insightPage(spend: "11.00"))], account: nil)
        _ = try migrated.ingest(files: [try test.file("c.json", insightPage(spend: "10.50"))], account: nil)
        try migrated.unlinkBrand("WP", account: "act_42")
        _ = try migrated.linkBrand("WP", account: "act_42", name: nil, primary: true)
        let versions = try migrated.connection.rows(
            "SELECT payload_id FROM event_log WHERE stream = 'ad:111:2025-12-01' ORDER BY version")
        #expect(versions.count == 3 && versions[0] == versions[2] && versions[0] != versions[1], "\(versions)")
        try Self.expectTheLinksShareTheirPayload(migrated.connection)
        #expect(try migrated.verify().ok)
    }

    /// The two brand links recorded the same way name one payload row, and no content is stored twice.
    static func expectTheLinksShareTheirPayload(_ connection: Connection) throws {
        let links = try connection.rows(
            """
            SELECT payload_id FROM event_log WHERE kind_id = \(EventKind.brandAccountLinked.id) AND kind_id <> 1
            ORDER BY seq
            """)
        #expect(links.count == 2 && links[0] == links[1], "\(links)")
        try expectEachContentStoredOnce(connection)
    }

    /// No two payload rows hold the same content.
    static func expectEachContentStoredOnce(_ connection: Connection) throws {
        #expect(
            try connection.scalar("SELECT count(*) FROM payloads")
                == connection.scalar("SELECT count(DISTINCT hash) FROM payloads"))
    }

    /// A stream's first payload is stored without a lookup (no other event can hold the content it is named by):
    /// a row given twice in one file, and again in the next, is still one event and one payload row.
    @Test func aNewStreamsPayloadIsStoredOnce() throws {
        let test = try TestLedger()
        let ledger = try test.open()
        let page = insightPage(spend: "10.50")
        let twice = #"{"data":[\#(Self.firstRow(of: page)),\#(Self.firstRow(of: page))]}"#
        _ = try ledger.ingest(files: [try test.file("twice.json", twice)], account: nil)
        _ = try ledger.ingest(files: [try test.file("again.json", page)], account: nil)
        #expect(try ledger.connection.scalar("SELECT count(*) FROM event_log WHERE stream = 'ad:111:2025-12-01'") == .integer(1))
        try Self.expectEachContentStoredOnce(ledger.connection)
        #expect(try ledger.verify().ok)
    }

    /// The one row of a page `insightPage` made, as text.
    static func firstRow(of page: String) -> String {
        let start = page.firstIndex(of: "[").map { page.index(after: $0) } ?? page.startIndex
        let end = page.lastIndex(of: "]") ?? page.endIndex
        return String(page[start..<end])
    }

    /// Damage to what an event row names: a context row gone (past the triggers) is the event altered, named by
    /// the seq of the first event that shared it.
    @Test func verifyNamesTheFirstEventWhoseContextRowIsMissing() throws {
        let test = try TestLedger()
        let ledger = try test.open()
        _ = try ledger.ingest(files: [try test.file("a.json", insightPage())], account: nil)
        let seq = try #require(
            try ledger.connection.scalar(
                "SELECT min(seq) FROM event_log WHERE kind_id = \(EventKind.insightFetched.id)")?.integer)
        try ledger.connection.execute(
            """
            DROP TRIGGER event_contexts_no_delete;
            DELETE FROM event_contexts WHERE id = (SELECT context_id FROM event_log WHERE seq = \(seq));
            """)
        let report = try test.reader().verify()
        #expect(report.problems.first == "event seq \(seq): its hash does not match its fields (the event was altered)")
    }

    /// `status` counts the events of a kind whose `event_kinds` row is gone (damage) under its id, and still counts
    /// every event in the total.
    @Test func statusCountsAKindWhoseRowIsGoneUnderItsId() throws {
        let test = try TestLedger()
        let ledger = try test.open()
        _ = try ledger.ingest(files: [try test.file("a.json", insightPage())], account: nil)
        let before = try test.reader().status()
        let finished = try #require(before.eventsByKind["sync.finished"])
        try ledger.connection.execute(
            "DROP TRIGGER event_kinds_no_delete; DELETE FROM event_kinds WHERE id = \(EventKind.syncFinished.id)")
        let after = try test.reader().status()
        #expect(after.events == before.events)
        #expect(after.eventsByKind["sync.finished"] == nil)
        #expect(after.eventsByKind["kind_id \(EventKind.syncFinished.id)"] == finished)
    }

    /// Writing through the view changes nothing, whatever the statement.
    @Test func theViewRefusesWrites() throws {
        let test = try TestLedger()
        let ledger = try test.open()
        _ = try ledger.ingest(files: [try test.file("a.json", insightPage())], account: nil)
        let before = try ledger.connection.rows(Self.events)
        for sql in [
            "INSERT INTO events SELECT * FROM events", "UPDATE event_log SET stream = 'x'",
            "DELETE FROM event_contexts", "UPDATE event_contexts SET recorded_at = 'x'",
            "UPDATE event_kinds SET name = 'x'",
        ] {
            let error = try #require(throws: LedgerError.self) { try ledger.connection.execute(sql) }
            #expect(error.description.contains("immutable"), "\(sql): \(error)")
        }
        #expect(try ledger.connection.rows(Self.events) == before)
    }
}
