import Foundation
import Sync
import Testing

@testable import Ledger

/// Payload frames across releases: `Fixtures/legacy/v12-zstd-demo.sqlite` holds whole zstd frames (encoding `zstd`,
/// magic number included) as the release before `zstd-raw` wrote them; new payloads are magicless frames, and a
/// kind's first dictionary is trained again once 5,000 payloads were compressed with it.
@Suite struct ZstdFrameTests {
    /// A copy of the fixture in a fresh temp dir (opening it for writing may migrate it; the fixture must stay).
    func zstdCopy() throws -> TestLedger {
        let test = try TestLedger()
        try FileManager.default.copyItem(
            atPath: TestLedger.repository.appendingPathComponent("Fixtures/legacy/v12-zstd-demo.sqlite").path,
            toPath: test.path)
        return test
    }

    /// Every event's hashes and canonical payload.
    static let eventsSQL = "SELECT seq, lower(hex(payload_hash)), lower(hex(hash)), adledger_payload(seq) FROM events ORDER BY seq"

    func encodings(_ test: TestLedger, _ ledger: LedgerReader) throws -> [[String]] {
        try test.rows("SELECT encoding, count(*) FROM payloads GROUP BY encoding ORDER BY encoding", ledger: ledger)
    }

    @Test func aLedgerWithWholeZstdFramesWorksAsIsAndCompactsToMagiclessFrames() throws {
        let test = try zstdCopy()
        let reader = try test.reader()
        #expect(try encodings(test, reader) == [["json", "679"], ["zstd", "245"]])
        #expect(try reader.verify().ok)
        let events = try test.rows(Self.eventsSQL, ledger: reader)
        #expect(events.count == 924)
        #expect(events.allSatisfy { $0[3].hasPrefix("{") })
        #expect(try test.open().rebuild(dryRun: true).changed == false)

        // Appending to it (40 rows, and the run's two json events): the old dictionary, trained on 500 samples,
        // now writes `zstd-raw` frames.
        _ = try test.open(at: "2026-01-05T08:00:00Z").ingest(
            files: [try test.file("more.json", PayloadEncodingTests.page(count: 40))], account: nil)
        let appended = try test.reader()
        let mixed = try encodings(test, appended)
        #expect(mixed == [["json", "681"], ["zstd", "245"], ["zstd-raw", "40"]], "\(mixed)")
        #expect(try appended.verify().ok)
        let all = try test.rows(Self.eventsSQL, ledger: appended)
        #expect(Array(all.prefix(924)) == events)

        // Compacted: the same events, hashes and payloads, every compressed one a magicless frame.
        let compactedPath = test.directory.appendingPathComponent("compacted.sqlite").path
        let report = try test.open().compact(to: compactedPath)
        #expect(report.events == Int64(all.count))
        let compacted = try LedgerReader(path: compactedPath)
        #expect(try compacted.verify().ok)
        #expect(try test.rows(Self.eventsSQL, ledger: compacted) == all)
        let after = try encodings(test, compacted)
        #expect(!after.contains { $0[0] == "zstd" }, "\(after)")
        #expect(Int64(after.first { $0[0] == "zstd-raw" }?[1] ?? "") == report.compressedPayloads)
        #expect(report.compressedPayloads > 245)
        // No free pages left behind by building the projections.
        #expect(try test.rows("PRAGMA freelist_count", ledger: compacted) == [["0"]])
    }

    /// A damaged whole frame (the old encoding) and a damaged magicless one are both named by verify and fail
    /// reads with the seq.
    @Test func damagedOldFramesAreNamedByVerifyAndFailReads() throws {
        let test = try zstdCopy()
        let seq = try #require(
            try test.rows(
                "SELECT min(e.seq) FROM events e JOIN payloads p ON p.hash = e.payload_hash WHERE p.encoding = 'zstd'",
                ledger: try test.reader()
            ).first?.first)
        try PayloadEncodingTests.expectDamageNamed(seq: seq, in: test)
    }

    /// A dictionary is content-addressed like a payload: a changed byte is named by verify, whether or not a payload
    /// decodes differently for it (one in sample text no frame refers to decodes every payload as before).
    @Test func aDictionaryWhoseBodyChangedIsNamedByVerify() throws {
        let test = try zstdCopy()
        #expect(try test.reader().verify().ok)
        let connection = try Connection(path: test.path, mode: .readWrite)
        let kind = try #require(try connection.scalar("SELECT kind FROM payload_dictionaries WHERE id = 1")?.text)
        try connection.execute(
            """
            DROP TRIGGER payload_dictionaries_no_update;
            UPDATE payload_dictionaries
            SET body = CAST(substr(body, 1, 1000) || x'00' || substr(body, 1002) AS BLOB)
            WHERE id = 1;
            """)
        // Byte 1,001 is one no payload's frame refers to: every payload decodes as before, and only the
        // dictionary's own hash tells.
        let report = try test.reader().verify()
        #expect(!report.ok)
        #expect(
            report.problems
                == ["payload dictionary 1 (\(kind)): its body does not match its hash (the dictionary was altered)"],
            "\(report.problems)")
    }

    /// New frames carry no magic number (nor dictionary id): the payload row's encoding and dictionary_id say both.
    @Test func newPayloadsAreMagiclessFrames() throws {
        let test = try TestLedger()
        _ = try test.open().ingest(files: [try test.file("big.json", PayloadEncodingTests.page(count: 700))], account: nil)
        let ledger = try test.reader()
        let stored = try encodings(test, ledger)
        #expect(stored == [["json", "501"], ["zstd-raw", "201"]], "\(stored)")
        #expect(try test.rows(
            "SELECT count(*) FROM payloads WHERE encoding = 'zstd-raw' AND substr(body, 1, 4) = x'28B52FFD'", ledger: ledger)
            == [["0"]])
        // A whole frame's bytes under the new encoding do not read: the encoding decides how the body is parsed.
        let context = try ZstdContext()
        let connection = try Connection(path: test.path, mode: .readOnly)
        let dictionary = try #require(try PayloadDictionaries(connection: connection).dictionary(id: 1))
        let canonical = Array(#"{"a":1}"#.utf8)
        let raw = try #require(dictionary.compress(canonical, in: context))
        #expect(dictionary.decompress(raw, magicless: true, in: context) == canonical)
        #expect(dictionary.decompress(raw, magicless: false, in: context) == nil)
        #expect(dictionary.decompress([0x28, 0xB5, 0x2F, 0xFD] + raw, magicless: false, in: context) == canonical)
        #expect(dictionary.decompress(raw, magicless: true, in: context) == canonical)  // the context switches back
        #expect(try ledger.verify().ok)
    }

    /// The first dictionary is trained on the first 500 payloads; once 5,000 were compressed with it (by one
    /// connection), a second is trained on the latest 5,000 read back from the file, beside the writer, and
    /// compresses what the transactions after its training is done append (an ingest's files do not wait for it;
    /// its last write does).
    @Test func aFirstDictionaryIsTrainedAgainOnTheLatestPayloadsOnce() throws {
        let test = try TestLedger()
        _ = try test.open().ingest(files: [try test.file("a.json", PayloadEncodingTests.page(count: 600))], account: nil)
        #expect(try test.rows("SELECT id, samples FROM payload_dictionaries", ledger: try test.reader()) == [["1", "500"]])
        _ = try test.open().ingest(
            files: [
                try test.file("b.json", PayloadEncodingTests.page(count: 5_000, offset: 600)),
                try test.file("c.json", PayloadEncodingTests.page(count: 100, offset: 5_600)),
                try test.file("d.json", PayloadEncodingTests.page(count: 300, offset: 5_700)),
            ], account: nil)
        let ledger = try test.reader()
        #expect(try test.rows("SELECT id, kind, samples FROM payload_dictionaries ORDER BY id", ledger: ledger)
            == [["1", "insight.fetched", "500"], ["2", "insight.fetched", "\(PayloadCompressor.trainingSamples)"]])
        // Run 1 compressed 101 with dictionary 1. Run 2 compressed b's 5,000 with it, then c's first row started the
        // training on the latest 5,000 (c goes on with dictionary 1). d's transaction stored dictionary 2 first if the
        // training was done when it began, and compressed its 300 with it; else d goes on with dictionary 1 and the
        // run's last write stores dictionary 2. Either way a file's rows share one dictionary, and 1's come first.
        let split = try test.rows(
            """
            SELECT p.dictionary_id, count(*), min(e.seq), max(e.seq) FROM events e JOIN payloads p ON p.hash = e.payload_hash
            WHERE e.kind = 'insight.fetched' AND p.encoding = 'zstd-raw' GROUP BY p.dictionary_id ORDER BY p.dictionary_id
            """, ledger: ledger)
        #expect(
            split.map { Array($0.prefix(2)) } == [["1", "5201"], ["2", "300"]]
                || split.map { Array($0.prefix(2)) } == [["1", "5501"]], "\(split)")
        if split.count == 2 { #expect(Int(split[0][3]) ?? 0 < Int(split[1][2]) ?? 0) }
        #expect(try ledger.verify().ok)
        #expect(try test.open().rebuild(dryRun: true).changed == false)
        // Trained on 5,000, it is not trained again.
        _ = try test.open().ingest(
            files: [try test.file("e.json", PayloadEncodingTests.page(count: 5_100, offset: 6_000))], account: nil)
        #expect(try test.rows("SELECT count(*) FROM payload_dictionaries", ledger: try test.reader()) == [["2"]])
    }
}
