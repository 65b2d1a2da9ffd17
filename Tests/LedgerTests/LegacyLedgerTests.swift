import Foundation
import Sync
import Testing

@testable import Ledger

/// `Fixtures/legacy/v1-demo.sqlite`, a ledger the previous release wrote (schema 2, hex hashes, json payloads).
@Suite struct LegacyLedgerTests {
    /// A copy of the fixture in a fresh temp dir (opening it for writing upgrades it; the fixture must stay).
    func legacyCopy() throws -> TestLedger {
        let test = try TestLedger()
        try FileManager.default.copyItem(
            atPath: TestLedger.repository.appendingPathComponent("Fixtures/legacy/v1-demo.sqlite").path, toPath: test.path)
        return test
    }

    static let queries = [
        "SELECT count(*), sum(spend), sum(purchases), sum(revisions) FROM meta_ads_performance",
        "SELECT meta_ad_id, date, spend, impressions, fetched_at FROM meta_ads_performance ORDER BY meta_ad_id, date LIMIT 40",
        "SELECT meta_ad_id, date, seq, spend, valid_from, valid_to FROM meta_ads_performance_history ORDER BY seq",
        "SELECT * FROM meta_ad_mapping ORDER BY meta_ad_id",
        "SELECT kind, count(*) FROM match_suggestions GROUP BY kind ORDER BY kind",
        "SELECT seq, kind, stream, version, recorded_at, adledger_payload(seq) FROM events ORDER BY seq",
    ]

    func answers(_ ledger: LedgerReader, _ test: TestLedger) throws -> [[[String]]] {
        try Self.queries.map { try test.rows($0, ledger: ledger) }
    }

    /// Every event's hashes, as hex whatever the file stores.
    func chain(_ path: String) throws -> [String] {
        let connection = try Connection(path: path, mode: .readOnly)
        return try connection.rows("SELECT seq, payload_hash, prev_hash, hash FROM events ORDER BY seq").map { row in
            "\(row[0].plainText) \(HashFormat.hex(row[1]) ?? "?") \(HashFormat.hex(row[2]) ?? "?") \(HashFormat.hex(row[3]) ?? "?")"
        }
    }

    @Test func aLedgerTheLastReleaseWroteWorksAsIsAndCompactsToTheSameEvents() throws {
        let test = try legacyCopy()
        let originalChain = try chain(test.path)
        #expect(originalChain.count == 834)
        // Opens as is: read, verify, and append more (hashes stay hex text in this file until compact). Verify
        // finds only normalizer 2's new columns missing from the old release's projections, until a rebuild.
        let reader = try test.reader()
        let stale = try reader.verify()
        #expect(!stale.ok)
        #expect(stale.problems.allSatisfy { $0.contains("run `adledger rebuild`") })
        _ = try test.open(at: "2026-01-05T07:00:00Z").rebuild(dryRun: false)
        #expect(try test.reader().verify().ok)
        let before = try answers(reader, test)
        #expect(before[0].first?.first == "560")
        let writer = try test.open(at: "2026-01-05T08:00:00Z")
        _ = try writer.ingest(files: [try test.file("more.json", insightPage(date: "2025-12-30", ad: "777"))], account: nil)
        let appended = try answers(try test.reader(), test)
        #expect(appended[0] != before[0])
        let upgraded = try test.reader()
        #expect(try test.rows("SELECT DISTINCT typeof(hash) FROM events", ledger: upgraded) == [["text"]])
        #expect(try upgraded.verify().ok)
        let upgradedChain = try chain(test.path)
        #expect(Array(upgradedChain.prefix(834)) == originalChain)

        // Compact to a new file: same events and hashes, blobs, compressed payloads, same answers.
        let compactedPath = test.directory.appendingPathComponent("compacted.sqlite").path
        let report = try test.open().compact(to: compactedPath)
        #expect(report.events == Int64(upgradedChain.count))
        #expect(report.compressedPayloads > 0)
        #expect(report.bytesAfter < report.bytesBefore)
        #expect(try chain(compactedPath) == upgradedChain)
        let compacted = try LedgerReader(path: compactedPath)
        #expect(try compacted.verify().ok)
        #expect(try answers(compacted, test) == appended)
        #expect(try test.rows("SELECT DISTINCT typeof(hash), length(hash) FROM events", ledger: compacted) == [["blob", "32"]])
        // The first release's file has 4 KiB pages; the rewritten one a new ledger's.
        #expect(try test.rows("PRAGMA page_size", ledger: test.reader()) == [["4096"]])
        #expect(try test.rows("PRAGMA page_size", ledger: compacted) == [["\(Ledger.pageSize)"]])
        #expect(!FileManager.default.fileExists(atPath: compactedPath + ".compacting"))

        // In place: the file is replaced, and the ledger keeps working.
        let inPlace = try test.open().compact()
        #expect(inPlace.destination == test.path)
        #expect(try chain(test.path) == upgradedChain)
        let replaced = try test.reader()
        #expect(try replaced.verify().ok)
        #expect(try answers(replaced, test) == appended)
        _ = try test.open(at: "2026-01-06T08:00:00Z").ingest(
            files: [try test.file("later.json", insightPage(date: "2025-12-31", ad: "777"))], account: nil)
        #expect(try test.reader().verify().ok)
    }

    @Test func compactRefusesToOverwriteAFile() throws {
        let test = try legacyCopy()
        let existing = try test.file("taken.sqlite", "x")
        let error = try #require(throws: LedgerError.self) { try test.open().compact(to: existing) }
        #expect(error.description.contains("already exists"))
    }
}
