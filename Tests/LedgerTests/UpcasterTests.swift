import JSON
import Normalization
import Testing

@testable import Ledger

/// Old payload schemas are upcast on read (DESIGN §2): `sync.chunk_completed` v1 kept its vanished count beside
/// `counts`, v2 keeps it inside.
@Suite struct UpcasterTests {
    static let v1Chunk: JSONValue = .object([
        ("run_id", .string("old-run")), ("account_id", .string("act_42")), ("since", .string("2025-12-01")),
        ("until", .string("2025-12-01")), ("fetched_at", .string("2025-12-16T06:00:00.000Z")),
        ("counts", .object([("rows", .number("1")), ("unchanged", .number("1"))])), ("vanished", .number("2")),
    ])

    @Test func aChunkV1PayloadReadsAsV2() {
        let upcast = Upcaster.upcast(kind: .syncChunkCompleted, schemaVersion: 1, payload: Self.v1Chunk)
        #expect(upcast["vanished"] == nil)
        #expect(upcast["counts"]?["vanished"] == .number("2"))
        #expect(upcast["counts"]?["rows"] == .number("1"))
        #expect(upcast["fetched_at"] == .string("2025-12-16T06:00:00.000Z"))
        // A v1 payload without counts gets them; v2 and other kinds are read as stored.
        let bare = JSONValue.object([("run_id", .string("r")), ("vanished", .number("0"))])
        #expect(
            Upcaster.upcast(kind: .syncChunkCompleted, schemaVersion: 1, payload: bare)
                == .object([("run_id", .string("r")), ("counts", .object([("vanished", .number("0"))]))]))
        #expect(Upcaster.upcast(kind: .syncChunkCompleted, schemaVersion: 2, payload: Self.v1Chunk) == Self.v1Chunk)
        #expect(Upcaster.upcast(kind: .insightVanished, schemaVersion: 1, payload: bare) == bare)
    }

    /// A v1 event as an older adledger stored it: read as v2, applied as coverage, and left unchanged in the log.
    @Test func aStoredV1ChunkEventIsReadAsV2AndStillCovers() throws {
        let test = try TestLedger()
        _ = try test.open(at: "2025-12-15T06:00:00Z").appendInsightPage(
            [insightRow(ad: "1", date: "2025-12-01")], accountId: "act_42", runId: "old-run", locator: "page")
        let ledger = try test.open(at: "2025-12-16T06:00:00Z")
        try ledger.write { (writer: LedgerWriter) throws(LedgerError) in
            try writer.record(
                NewEvent(kind: .syncChunkCompleted, stream: "sync:old-run", payload: Self.v1Chunk, schemaVersion: 1))
        }
        var read: [StoredEvent] = []
        try EventReader(connection: ledger.connection).forEach(kinds: [.syncChunkCompleted]) { read.append($0) }
        let event = try #require(read.first)
        #expect(event.schemaVersion == 1)
        #expect(event.payload["counts"]?["vanished"] == .number("2"))
        #expect(event.payload["vanished"] == nil)
        // The stored bytes are the v1 payload, so the hash chain still holds.
        #expect(event.payloadHash == EventHasher.payloadHash(Self.v1Chunk.canonicalBytes))
        #expect(
            try test.rows("SELECT fetched_at FROM meta_ads_performance", ledger: ledger) == [
                ["2025-12-16T06:00:00.000Z"]
            ])
        let reader = try test.reader()
        #expect(try reader.verify().ok)
        try reader.setAsOf("2025-12-16T07:00:00Z")
        #expect(
            try test.rows("SELECT fetched_at FROM meta_ads_performance", ledger: reader) == [
                ["2025-12-16T06:00:00.000Z"]
            ])
    }
}
