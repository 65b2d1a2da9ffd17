import Foundation
import JSON
import Normalization
import Testing

@testable import Ledger

/// Ingest of rows given as canonical bytes (what `GraphSavedFile` hands over, read with no tree): the same events,
/// payloads and projections as the same rows given as trees, and the same errors.
@Suite struct IngestFromBytesTests {
    /// Rows that take every turn of the identity and the normalizer: breakdowns (one a container), escapes and
    /// non-ASCII text, a numeric `ad_id` and `account_id`, no `account_id` (the page's), unsorted action entries.
    private static let rows: [IngestRow] = {
        let texts = [
            #"{"date_stop":"2025-12-01","spend":"10.50","ad_id":"111","account_id":"42","date_start":"2025-12-01","impressions":"1000","ad_name":"Sale \u00e9 \"50%\" 😀","actions":[{"value":"2","action_type":"omni_purchase","7d_click":"2"},{"action_type":"purchase","value":"2"}],"action_values":[{"value":"99.90","action_type":"omni_purchase"}]}"#,
            #"{"ad_id":112,"account_id":42,"date_start":"2025-12-01","spend":"3","impressions":"7","publisher_platform":"instagram"}"#,
            #"{"ad_id":"112","account_id":"act_42","date_start":"2025-12-01","spend":"4","impressions":"9","publisher_platform":"facebook"}"#,
            #"{"ad_id":"113","date_start":"2025-12-02","spend":"1.25","impressions":"400","outbound_clicks":[{"action_type":"outbound_click","value":"5"}]}"#,
            #"{"ad_id":"114","account_id":"42","date_start":"2025-12-02","age":["18-24"],"spend":"0","cpm":"0","reach":null}"#,
        ]
        return texts.enumerated().map { i, text in
            IngestRow(value: (try? JSONParser.parse(text)) ?? .null, locator: "page row \(i + 1)", pageAccount: "act_42")
        }
    }()

    /// The rows as canonical bytes; `withKeys`: with their keys read beside them, as a page reader hands them over.
    private static func asBytes(_ rows: [IngestRow], withKeys: Bool = false) -> [IngestRow] {
        rows.map { row in
            let bytes = row.value.canonicalBytes
            let keys = withKeys ? bytes.withUnsafeBufferPointer { InsightRowKeys.read(row: $0) } : nil
            return IngestRow(canonical: bytes, keys: keys, locator: row.locator, pageAccount: row.pageAccount)
        }
    }

    /// Every insight's stream, version and payload hash, and every projection row an ingest wrote.
    private static func snapshot(_ test: TestLedger, _ ledger: LedgerReader) throws -> [[String]] {
        try test.rows(
            "SELECT stream, version, payload_hash FROM events WHERE kind = 'insight.fetched' ORDER BY seq",
            ledger: ledger)
            + test.rows("SELECT * FROM meta_ads_performance ORDER BY meta_ad_id, date", ledger: ledger)
            + test.rows("SELECT * FROM insight_parts ORDER BY meta_ad_id, date, part", ledger: ledger)
    }

    @Test func bytesAndTreesGiveTheSameEventsAndProjections() throws {
        let trees = try TestLedger()
        let bytes = try TestLedger()
        let treeLedger = try trees.open()
        let byteLedger = try bytes.open()
        let fromTrees = try treeLedger.ingest([MemoryRows(rows: Self.rows)], account: nil)
        let fromBytes = try byteLedger.ingest([MemoryRows(rows: Self.asBytes(Self.rows))], account: nil)
        #expect(fromTrees.counts == fromBytes.counts)
        #expect(fromBytes.counts.new == 5 && fromBytes.counts.malformedValues == fromTrees.counts.malformedValues)
        let snapshot = try Self.snapshot(bytes, byteLedger)
        #expect(snapshot.count == 5 + 4 + 3)
        #expect(snapshot == (try Self.snapshot(trees, treeLedger)))
        let keyed = try TestLedger()
        let keyedLedger = try keyed.open()
        let fromKeys = try keyedLedger.ingest([MemoryRows(rows: Self.asBytes(Self.rows, withKeys: true))], account: nil)
        #expect(fromKeys.counts == fromTrees.counts)
        #expect(try Self.snapshot(keyed, keyedLedger) == snapshot)
        // The payload stored is the whole row, read back as the tree gave it.
        #expect(
            try bytes.rows(
                "SELECT json_extract(adledger_payload(seq), '$.row.ad_name') FROM events WHERE stream = 'ad:111:2025-12-01'",
                ledger: byteLedger) == [["Sale é \"50%\" 😀"]])
        let verify = try byteLedger.verify()
        #expect(verify.ok, "\(verify.problems)")
        // Unchanged rows append nothing, from either route.
        let again = try byteLedger.ingest([MemoryRows(rows: Self.rows)], account: nil)
        #expect(again.counts.unchanged == 5 && again.counts.new == 0 && again.counts.changed == 0)
    }

    @Test(arguments: [
        (#"{"account_id":"42","date_start":"2025-12-01"}"#, nil as String?),
        (#"{"ad_id":"1","account_id":"42","date_start":"2025-13-01"}"#, nil),
        (#"{"ad_id":"1","account_id":"42","date_start":"2025-12-01","date_stop":"2025-12-07"}"#, nil),
        (#"{"ad_id":"1","account_id":"42","date_start":"2025-12-01"}"#, "act_7"),
        (#"{"ad_id":"1","account_id":"x42","date_start":"2025-12-01"}"#, nil),
        (#"{"ad_id":"1","date_start":"2025-12-01"}"#, nil),
    ])
    func aRowWithAProblemIsNamedAsTheTreeNamesIt(text: String, account: String?) throws {
        let value = try JSONParser.parse(text)
        func error(_ row: IngestRow) throws -> LedgerError {
            let test = try TestLedger()
            let ledger = try test.open()
            return try #require(throws: LedgerError.self) { try ledger.ingest([MemoryRows(rows: [row])], account: account) }
        }
        let fromTree = try error(IngestRow(value: value, locator: "page row 1"))
        let fromBytes = try error(IngestRow(canonical: value.canonicalBytes, locator: "page row 1"))
        #expect(fromBytes.description == fromTree.description)
        let keys = value.canonicalBytes.withUnsafeBufferPointer { InsightRowKeys.read(row: $0) }
        #expect(keys != nil)
        let fromKeys = try error(IngestRow(canonical: value.canonicalBytes, keys: keys, locator: "page row 1"))
        #expect(fromKeys.description == fromTree.description)
    }

    /// A row whose stream this transaction appended to before is compared with that append (the writer, not the
    /// preparing thread, decides), and its row, left out of the event's payload, is read from its bytes.
    @Test func aStreamAppendedEarlierInTheSourceIsComparedWithThatAppend() throws {
        let test = try TestLedger()
        let ledger = try test.open()
        let original = Self.asBytes(
            (0..<600).map { i in
                IngestRow(
                    value: .object([
                        ("account_id", .string("42")), ("ad_id", .string(String(900 + i / 28))),
                        ("date_start", .string(String(format: "2025-11-%02d", 1 + i % 28))),
                        ("spend", .string("\(i % 90).25")), ("impressions", .string("\(100 + i)")),
                    ]), locator: "row \(i + 1)")
            })
        #expect(try ledger.ingest([MemoryRows(rows: original)], account: nil).counts.new == 600)
        let changedValue = JSONValue.object(
            (original[299].value.objectMembers ?? []).map { $0.key == "spend" ? ($0.key, .string("999.75")) : $0 })
        let changed = IngestRow(canonical: changedValue.canonicalBytes, locator: "changed")
        var rows = original
        rows.insert(changed, at: 300)
        rows.insert(original[299], at: 450)
        let again = try ledger.ingest([MemoryRows(rows: rows)], account: nil)
        #expect(again.counts.unchanged == 600 && again.counts.changed == 2, "\(again.counts)")
        #expect(
            try test.rows(
                "SELECT spend, revisions FROM meta_ads_performance WHERE meta_ad_id = '910' AND date = '2025-11-20'",
                ledger: ledger) == [["29.25", "3"]])
        let verify = try ledger.verify()
        #expect(verify.ok, "\(verify.problems)")
    }
}
