import Foundation
import Sync
import Testing

@testable import Ledger

@Suite struct PayloadEncodingTests {
    /// One saved Graph page of `count` distinct ad-days of account 42, with varied numbers and action arrays.
    static func page(count: Int, offset: Int = 0) -> String {
        let rows = (0..<count).map { index -> String in
            let n = index + offset
            let day = String(format: "2025-11-%02d", n % 28 + 1)
            return """
                {"account_id":"42","account_currency":"USD","ad_id":"\(100_000 + n / 28)","ad_name":"WP | C\(n % 7) | ad \(n / 28)",
                "campaign_id":"\(900 + n % 5)","adset_id":"\(800 + n % 11)","date_start":"\(day)","date_stop":"\(day)",
                "spend":"\(n % 997).\(n % 100)","impressions":"\(1000 + n * 7)","reach":"\(900 + n * 5)","clicks":"\(n % 53)",
                "actions":[{"action_type":"link_click","value":"\(n % 41)"},{"action_type":"omni_purchase","value":"\(n % 3)","7d_click":"\(n % 3)"},
                {"action_type":"video_view","value":"\(n % 301)"}],"action_values":[{"action_type":"omni_purchase","value":"\(n % 89).90"}]}
                """
        }
        return "{\"data\":[\(rows.joined(separator: ","))]}"
    }

    /// A ledger whose insight payloads outnumber `PayloadCompressor.minimumSamples`, so a dictionary was trained.
    func compressed() throws -> TestLedger {
        let test = try TestLedger()
        _ = try test.open().ingest(files: [try test.file("big.json", Self.page(count: 1_500))], account: nil)
        return test
    }

    @Test func payloadsAreCompressedWithADictionaryOnceEnoughSamplesExist() throws {
        let test = try compressed()
        let ledger = try test.reader()
        let dictionaries = try test.rows("SELECT kind, samples, length(hash) FROM payload_dictionaries", ledger: ledger)
        #expect(dictionaries.count == 1)
        #expect(dictionaries.first?[0] == "insight.fetched")
        #expect(dictionaries.first?[2] == "32")
        let byEncoding = try test.rows(
            "SELECT encoding, count(*), avg(length(body)) FROM payloads GROUP BY encoding ORDER BY encoding", ledger: ledger)
        let zstd = try #require(byEncoding.first { $0[0] == "zstd-raw" })
        let json = try #require(byEncoding.first { $0[0] == "json" })
        #expect(Int(zstd[1]) ?? 0 >= 1_500 - PayloadCompressor.minimumSamples)
        #expect((Double(zstd[2]) ?? 1e9) * 3 < Double(json[2]) ?? 0, "zstd \(zstd[2]) B vs json \(json[2]) B")
        // Every zstd payload names a dictionary the ledger holds; the SQL function returns the canonical JSON.
        #expect(try test.rows(
            "SELECT count(*) FROM payloads WHERE encoding = 'zstd-raw' AND dictionary_id NOT IN (SELECT id FROM payload_dictionaries)",
            ledger: ledger) == [["0"]])
        let spend = try test.rows(
            "SELECT json_extract(adledger_payload(max(seq)), '$.row.spend') FROM events WHERE kind = 'insight.fetched'",
            ledger: ledger)
        #expect(spend == [["\(1_499 % 997).\(1_499 % 100)"]])
        #expect(try ledger.verify().ok)
        #expect(try test.open().rebuild(dryRun: true).changed == false)
    }

    /// Samples are read back from the file when a dictionary is trained, not held by the connection: two runs of
    /// 300 rows (two connections) train on the 500th payload, with the first run's rows among the samples.
    @Test func smallRunsAddUpToADictionaryTrainedOnStoredPayloads() throws {
        let test = try TestLedger()
        _ = try test.open().ingest(files: [try test.file("first.json", Self.page(count: 300))], account: nil)
        _ = try test.open().ingest(files: [try test.file("second.json", Self.page(count: 300, offset: 300))], account: nil)
        let ledger = try test.reader()
        #expect(try test.rows("SELECT kind, samples FROM payload_dictionaries", ledger: ledger) == [["insight.fetched", "500"]])
        let byEncoding = try test.rows(
            """
            SELECT p.encoding, count(*) FROM events e JOIN payloads p ON p.hash = e.payload_hash
            WHERE e.kind = 'insight.fetched' GROUP BY p.encoding ORDER BY p.encoding
            """, ledger: ledger)
        #expect(byEncoding == [["json", "499"], ["zstd-raw", "101"]])
        #expect(try ledger.verify().ok)
    }

    @Test func newLedgersStoreHashesAs32Bytes() throws {
        let test = try TestLedger()
        _ = try test.open().ingest(files: [try test.file("a.json", insightPage())], account: nil)
        let ledger = try test.reader()
        #expect(try test.rows("SELECT value FROM ledger_format WHERE name = 'hashes'", ledger: ledger) == [["blob"]])
        #expect(try test.rows(
            """
            SELECT DISTINCT typeof(hash), length(hash), typeof(prev_hash), typeof(payload_hash) FROM events
            UNION ALL SELECT DISTINCT typeof(hash), length(hash), '', '' FROM payloads
            """, ledger: ledger) == [["blob", "32", "blob", "blob"], ["blob", "32", "", ""]])
        #expect(try ledger.verify().ok)
    }

    /// Drops the triggers that keep payloads and dictionaries immutable, as an attacker or a bad tool could.
    static func tamper(_ test: TestLedger, _ sql: String) throws {
        let connection = try Connection(path: test.path, mode: .readWrite)
        try connection.execute(
            """
            DROP TRIGGER payloads_no_update; DROP TRIGGER payload_dictionaries_no_delete;
            \(sql)
            """)
    }

    func firstCompressedSeq(_ test: TestLedger) throws -> String {
        let ledger = try test.reader()
        let rows = try test.rows(
            "SELECT min(e.seq) FROM events e JOIN payloads p ON p.hash = e.payload_hash WHERE p.encoding = 'zstd-raw'",
            ledger: ledger)
        return try #require(rows.first?.first)
    }

    @Test func aMissingDictionaryIsNamedByVerifyAndReadingFailsWithALedgerError() throws {
        let test = try compressed()
        let seq = try firstCompressedSeq(test)
        try Self.tamper(test, "DELETE FROM payload_dictionaries;")
        let ledger = try test.reader()
        let report = try ledger.verify()
        #expect(!report.ok)
        #expect(report.problems.first?.contains("event seq \(seq):") == true, "\(report.problems)")
        #expect(report.problems.first?.contains("cannot be read") == true)
        let error = try #require(throws: LedgerError.self) { try test.open().rebuild(dryRun: true) }
        #expect(error.description.contains("event \(seq)"), "\(error)")
        #expect(error.description.contains("dictionary"))
    }

    @Test func damagedCompressedBytesAreNamedByVerifyAndFailSQLReads() throws {
        let test = try compressed()
        try Self.expectDamageNamed(seq: try firstCompressedSeq(test), in: test)
    }

    /// Zeroes 8 bytes inside event `seq`'s compressed payload; verify must name the seq first, and a SQL read of
    /// the payload must fail naming the event and the damage.
    static func expectDamageNamed(seq: String, in test: TestLedger) throws {
        try tamper(
            test,
            """
            UPDATE payloads SET body = CAST(substr(body, 1, 12) || zeroblob(8) || substr(body, 21) AS BLOB)
            WHERE hash = (SELECT payload_hash FROM events WHERE seq = \(seq));
            """)
        let ledger = try test.reader()
        let report = try ledger.verify()
        #expect(report.problems.first?.hasPrefix("event seq \(seq):") == true, "\(report.problems)")
        let error = try #require(throws: LedgerError.self) {
            try test.rows("SELECT adledger_payload(\(seq))", ledger: ledger)
        }
        #expect(error.description.contains("event \(seq)"), "\(error)")
        #expect(error.description.contains("damaged"), "\(error)")
    }
}
