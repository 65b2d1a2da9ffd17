import JSON
import Testing

@testable import Ledger

/// `date_start` and `date_stop` must be calendar dates: a row that names a day that does not exist is
/// refused with its locator, and its whole source appends nothing.
@Suite struct IngestDateTests {
    private static func row(_ members: [(key: String, value: JSONValue)]) -> JSONValue {
        .object([("account_id", .string("42")), ("ad_id", .string("111")), ("spend", .string("1.00"))] + members)
    }

    @Test(arguments: [
        ("date_start", JSONValue.string("2025-02-30")), ("date_start", .string("2025-02-29")),
        ("date_start", .string("2025-04-31")), ("date_start", .string("2025-13-01")),
        ("date_start", .string("2025-1-1")),
        ("date_start", .number("20250101")), ("date_start", .null), ("date_stop", .string("2025-02-30")),
        ("date_stop", .string("2025-12-32")), ("date_stop", .number("1")), ("date_stop", .null),
    ])
    func aDayThatDoesNotExistIsRefusedNamingTheRow(key: String, value: JSONValue) throws {
        let test = try TestLedger()
        let ledger = try test.open()
        var members: [(key: String, value: JSONValue)] = [(key, value)]
        if key == "date_stop" { members.insert(("date_start", .string("2025-12-01")), at: 0) }
        let good = IngestRow(value: Self.row([("date_start", .string("2025-12-01"))]), locator: "page row 1")
        let bad = IngestRow(value: Self.row(members), locator: "page row 2")
        let error = try #require(throws: LedgerError.self) {
            try ledger.ingest([MemoryRows(rows: [good, bad])], account: nil)
        }
        guard case .invalidInput(let source, let reason) = error else {
            Issue.record("expected invalid input, got \(error)")
            return
        }
        #expect(source == "page row 2")
        #expect(reason.hasPrefix("\(key) "), "\(reason)")
        #expect(reason.contains("is not a calendar date"), "\(reason)")
        #expect(try test.rows("SELECT count(*) FROM events WHERE kind = 'insight.fetched'", ledger: ledger) == [["0"]])
    }

    @Test func aMissingDateStartIsRefusedAndAMissingDateStopIsNot() throws {
        let test = try TestLedger()
        let ledger = try test.open()
        let error = try #require(throws: LedgerError.self) {
            try ledger.ingest([MemoryRows(rows: [IngestRow(value: Self.row([]), locator: "page row 1")])], account: nil)
        }
        #expect(
            error
                == .invalidInput(
                    source: "page row 1", reason: "row has no date_start; request insights with time_increment=1"))
        let summary = try ledger.ingest(
            [
                MemoryRows(rows: [
                    IngestRow(value: Self.row([("date_start", .string("2024-02-29"))]), locator: "page row 1")
                ])
            ],
            account: nil)
        #expect(summary.counts.new == 1)
        #expect(try test.rows("SELECT date FROM meta_ads_performance", ledger: ledger) == [["2024-02-29"]])
    }
}
