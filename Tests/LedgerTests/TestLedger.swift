import Foundation
import Testing

@testable import Ledger

/// A ledger in a fresh temp directory, removed when the test ends.
final class TestLedger {
    let directory: URL
    let path: String

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("adledger-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        path = directory.appendingPathComponent("ledger.sqlite").path
    }

    deinit { try? FileManager.default.removeItem(at: directory) }

    /// Opens the ledger for writing with the clock frozen at `time`.
    func open(at time: String = "2025-12-15T06:00:00Z") throws -> Ledger {
        let date = try #require(ISO8601DateFormatter().date(from: time))
        return try Ledger(path: path, clock: { date })
    }

    /// Opens the ledger for reading, as the read commands do, with the clock frozen at `time`.
    func reader(at time: String = "2025-12-15T06:00:00Z") throws -> LedgerReader {
        let date = try #require(ISO8601DateFormatter().date(from: time))
        return try LedgerReader(path: path, clock: { date })
    }

    /// Writes `text` to a file in the directory and returns its path.
    func file(_ name: String, _ text: String) throws -> String {
        let url = directory.appendingPathComponent(name)
        try text.write(to: url, atomically: false, encoding: .utf8)
        return url.path
    }

    /// All rows of a query, each row's values as plain text.
    func rows(_ sql: String, ledger: LedgerReader) throws -> [[String]] {
        var rows: [[String]] = []
        try ledger.query(sql, columns: { _ in }, row: { rows.append($0.map(\.plainText)) })
        return rows
    }

    static let repository = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath().deletingLastPathComponent()
        .deletingLastPathComponent()
        .deletingLastPathComponent()
    /// The real Graph responses kept as test fixtures (see `SOURCES.md` there).
    static let samples = repository.appendingPathComponent("Fixtures/graph-samples")
}

/// A one-row Graph insights page for ad 111 on `date` in account 42.
func insightPage(date: String = "2025-12-01", spend: String = "10.50", purchases: String = "2", ad: String = "111")
    -> String
{
    """
    {"data":[{"account_id":"42","account_currency":"USD","ad_id":"\(ad)","ad_name":"WP | C3 | d4e5f6a7-WP-C3-SQ.png",
    "campaign_id":"9","adset_id":"8","date_start":"\(date)","date_stop":"\(date)","spend":"\(spend)","impressions":"1000",
    "clicks":"20","actions":[{"action_type":"omni_purchase","value":"\(purchases)","7d_click":"\(purchases)"},
    {"action_type":"purchase","value":"\(purchases)"}],"action_values":[{"action_type":"omni_purchase","value":"99.90"}]}],
    "paging":{"cursors":{"before":"a","after":"b"}}}
    """
}
