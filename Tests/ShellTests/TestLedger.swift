import Foundation
import Ledger
import Sync
import TestSupport
import Testing

/// A ledger file in a fresh temp directory with two fetches of the same days: the first on Dec 19
/// (ad 111 spent 10.00), the second on Dec 21 (restated to 12.50), and brand WP linked to act_123.
struct TestLedger {
    let directory: URL
    let path: String

    static let firstFetch = "2025-12-19T10:00:00Z"
    static let secondFetch = "2025-12-21T10:00:00Z"

    init() throws {
        directory = try ScratchDirectory.make("adledger-shell")
        path = directory.appendingPathComponent("ledger.sqlite").path
        let first = try Self.date(Self.firstFetch)
        do {
            let ledger = try Ledger(path: path, clock: { first })
            _ = try ledger.linkBrand("WP", account: "act_123", name: "Acme JP", primary: true)
            _ = try ledger.ingest(files: [try write("first.json", Self.rows(spend111: "10.00"))], account: nil)
        }
        let second = try Self.date(Self.secondFetch)
        let ledger = try Ledger(path: path, clock: { second })
        _ = try ledger.ingest(files: [try write("second.json", Self.rows(spend111: "12.50"))], account: nil)
    }

    /// Opens the ledger as the shell does: read-only.
    func open() throws -> LedgerReader { try LedgerReader(path: path) }

    /// A file in the temp directory.
    func file(_ name: String) -> String { directory.appendingPathComponent(name).path }

    /// Writes `text` to a file in the temp directory and returns its path.
    func write(_ name: String, _ text: String) throws -> String {
        let path = file(name)
        try text.write(toFile: path, atomically: false, encoding: .utf8)
        return path
    }

    static func date(_ text: String) throws -> Date {
        try #require(ISO8601DateFormatter().date(from: text))
    }

    static func rows(spend111: String) -> String {
        """
        {"data": [
          {"account_id": "123", "ad_id": "111", "ad_name": "春のセール🎉 d4e5f6a7", "date_start": "2025-12-18",
           "date_stop": "2025-12-18", "spend": "\(spend111)", "impressions": "1000", "clicks": "10"},
          {"account_id": "123", "ad_id": "222", "ad_name": "winter, \\"quoted\\"", "date_start": "2025-12-18",
           "date_stop": "2025-12-18", "spend": "5", "impressions": "400"}
        ]}
        """
    }
}
