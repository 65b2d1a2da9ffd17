import JSON
import Foundation
import Normalization
import Testing

@testable import Ledger

/// `insight.vanished` and the coverage (`sync.chunk_completed`) that moves `fetched_at` (DESIGN §2).
@Suite struct VanishAndCoverageTests {
    static let performance =
        "SELECT meta_ad_id, date, spend, first_fetched_at, fetched_at, revisions, coalesce(vanished_at, '-') FROM meta_ads_performance ORDER BY 1, 2"

    /// Syncs one chunk of account 42 at `time`: `rows` in one page, then the chunk closed.
    @discardableResult
    func syncChunk(_ test: TestLedger, at time: String, rows: [JSONValue], since: String, until: String) throws -> Int {
        let ledger = try test.open(at: time)
        let returned = Set(
            rows.compactMap { row in row["ad_id"]?.stringValue.map { "\($0)|\(row["date_start"]?.stringValue ?? "")" } }
        )
        let (counts, _) = try ledger.appendInsightPage(rows, accountId: "act_42", runId: time, locator: "page")
        return try ledger.completeChunk(
            SyncChunk(accountId: "act_42", since: since, until: until), runId: time, returned: returned, counts: counts)
    }

    @Test func aMissingAdDayVanishesKeepsItsValuesAndComesBack() throws {
        let test = try TestLedger()
        let day = "2025-12-01"
        try syncChunk(
            test, at: "2025-12-15T06:00:00Z",
            rows: [
                insightRow(ad: "1", date: day), insightRow(ad: "2", date: day, spend: "3.00"),
                insightRow(ad: "1", date: "2025-12-02"),
            ],
            since: day, until: "2025-12-02")
        // The next fetch of 12-01 returns ad 1 unchanged and not ad 2.
        let vanished = try syncChunk(
            test, at: "2025-12-16T06:00:00Z", rows: [insightRow(ad: "1", date: day)], since: day, until: day)
        #expect(vanished == 1)
        let ledger = try test.reader()
        #expect(
            try test.rows(Self.performance, ledger: ledger) == [
                // Covered again: fetched_at moves to the second fetch, though nothing changed.
                ["1", day, "10.5", "2025-12-15T06:00:00.000Z", "2025-12-16T06:00:00.000Z", "1", "-"],
                // Outside the second chunk: untouched.
                ["1", "2025-12-02", "10.5", "2025-12-15T06:00:00.000Z", "2025-12-15T06:00:00.000Z", "1", "-"],
                // Vanished: keeps its values (the money was spent) and its last fetch.
                [
                    "2", day, "3.0", "2025-12-15T06:00:00.000Z", "2025-12-15T06:00:00.000Z", "1",
                    "2025-12-16T06:00:00.000Z",
                ],
            ])
        let events = try test.rows(
            "SELECT kind, stream FROM events WHERE kind IN ('insight.vanished', 'insight.fetched') ORDER BY seq",
            ledger: ledger)
        #expect(events.last == ["insight.vanished", "ad:2:\(day)"])
        #expect(events.count == 4)
        // A third fetch returns ad 2 again, with the same content: it is back, as a new revision.
        try syncChunk(
            test, at: "2025-12-17T06:00:00Z",
            rows: [insightRow(ad: "1", date: day), insightRow(ad: "2", date: day, spend: "3.00")], since: day,
            until: day)
        let back = try test.reader()
        #expect(
            try test.rows(Self.performance, ledger: back).filter { $0[0] == "2" } == [
                ["2", day, "3.0", "2025-12-15T06:00:00.000Z", "2025-12-17T06:00:00.000Z", "2", "-"]
            ])
        #expect(try back.verify().ok)
    }

    @Test func coverageSkipsVanishedRowsAndNeverMovesFetchedAtBack() throws {
        let test = try TestLedger()
        let day = "2025-12-01"
        try syncChunk(
            test, at: "2025-12-15T06:00:00Z", rows: [insightRow(ad: "1", date: day), insightRow(ad: "2", date: day)],
            since: day, until: day)
        try syncChunk(test, at: "2025-12-16T06:00:00Z", rows: [insightRow(ad: "1", date: day)], since: day, until: day)
        // A later chunk that returns nothing new covers ad 1 again and leaves vanished ad 2 alone.
        try syncChunk(
            test, at: "2025-12-17T06:00:00Z", rows: [insightRow(ad: "1", date: day)], since: "2025-11-30", until: day)
        let ledger = try test.reader()
        #expect(
            try test.rows(
                "SELECT meta_ad_id, fetched_at, coalesce(vanished_at, '-') FROM meta_ads_performance ORDER BY 1",
                ledger: ledger)
                == [
                    ["1", "2025-12-17T06:00:00.000Z", "-"],
                    ["2", "2025-12-15T06:00:00.000Z", "2025-12-16T06:00:00.000Z"],
                ])
        // Each chunk is recorded with its counts, the vanished count among them (payload schema 2).
        var chunks: [JSONValue] = []
        try EventReader(connection: ledger.connection).forEach(kinds: [.syncChunkCompleted]) { (event: StoredEvent) in
            #expect(event.schemaVersion == 2)
            chunks.append(event.payload)
        }
        #expect(chunks.map { $0["counts"]?["vanished"] } == [.number("0"), .number("1"), .number("0")])
        #expect(chunks.map { $0["counts"]?["unchanged"] } == [.number("0"), .number("1"), .number("1")])
        #expect(chunks.allSatisfy { $0["vanished"] == nil })
        // An earlier coverage time never moves fetched_at back (a clock behind the last event).
        try syncChunk(test, at: "2025-12-10T06:00:00Z", rows: [insightRow(ad: "1", date: day)], since: day, until: day)
        #expect(
            try test.rows(
                "SELECT fetched_at FROM meta_ads_performance WHERE meta_ad_id = '1'",
                ledger: try test.reader())
                == [["2025-12-17T06:00:00.000Z"]])
    }
}
