import Foundation
import JSON
import Testing

@testable import Ledger

/// The checkpointer copies committed WAL frames into the ledger file from its own thread and connection while the
/// writer's connection stays open, and an ingest uses it after each source's commit.
@Suite struct WALCheckpointerTests {
    private static func fileSize(_ path: String) throws -> Int {
        try #require(FileManager.default.attributesOfItem(atPath: path)[.size] as? Int)
    }

    private static func pages(_ ledger: Ledger) throws -> Int {
        let count = try #require(try ledger.connection.scalar("PRAGMA page_count")?.integer)
        let size = try #require(try ledger.connection.scalar("PRAGMA page_size")?.integer)
        return Int(count * size)
    }

    @Test func aRequestedCheckpointCopiesTheCommittedPagesIntoTheFile() throws {
        let test = try TestLedger()
        let ledger = try test.open()
        try ledger.connection.execute("PRAGMA wal_autocheckpoint = 0")
        try ledger.connection.execute(
            "CREATE TABLE filler(body BLOB); WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 400) "
                + "INSERT INTO filler SELECT randomblob(2000) FROM n")
        // Everything is still in the WAL: the file holds at most the pages of an earlier checkpoint.
        let before = try Self.fileSize(test.path)
        #expect(before < 400 * 2_000)
        let checkpointer = WALCheckpointer(path: test.path)
        checkpointer.start()
        checkpointer.request()
        #expect(checkpointer.stop() == 1)
        #expect(try Self.fileSize(test.path) >= 400 * 2_000)
        #expect(try Self.fileSize(test.path) == Self.pages(ledger))
        // The writer goes on as before, and a stopped checkpointer takes no more requests.
        try ledger.connection.execute("INSERT INTO filler VALUES (randomblob(10))")
        checkpointer.request()
        #expect(checkpointer.stop() == 1)
    }

    @Test func anIngestCheckpointsEachSourceBesideTheWriter() throws {
        let test = try TestLedger()
        let ledger = try test.open()
        let sources = (0..<3).map { file in
            let rows = (0..<200).map { i in
                let date = "2025-0\(1 + i % 9)-1\(i % 10)"
                return IngestRow(
                    value: .object([
                        ("account_id", .string("42")), ("ad_id", .string(String(1_000 * (file + 1) + i / 9))),
                        ("date_start", .string(date)), ("date_stop", .string(date)), ("spend", .string("\(i).5")),
                    ]), locator: "row \(i + 1)")
            }
            return MemoryRows(rows: rows)
        }
        #expect(try ledger.ingest(sources, account: nil).counts.new == 600)
        // Far fewer than the 1,000 pages of SQLite's automatic checkpoint, so only the checkpointer put the three
        // sources' pages into the file (the writer's last commits stay in the WAL).
        let (file, pages) = (try Self.fileSize(test.path), try Self.pages(ledger))
        #expect(pages < 1_000 * 4_096)
        #expect(file * 10 >= pages * 9, "file \(file) bytes of \(pages)")
        #expect(try ledger.connection.scalar("PRAGMA wal_autocheckpoint")?.integer == 1_000)
        let verify = try ledger.verify()
        #expect(verify.ok, "\(verify.problems)")
    }
}
