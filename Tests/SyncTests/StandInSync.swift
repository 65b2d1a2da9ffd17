import Foundation
import Ledger
import MetaGraph
import TestSupport
import Testing

@testable import Sync

/// A loopback Graph stand-in serving act_1001 (UTC, 2 ads a day from 2025-11-17 to 2025-12-07) and a real
/// ledger file in a fresh temp directory, for syncs run through the library with instant waits.
final class StandInSync {
    static let token = "EAAsyncTestTOKEN0123456789"
    static let account = "act_1001"

    let standIn: GraphStandIn
    let directory: URL
    var ledgerPath: String { directory.appendingPathComponent("ledger.sqlite").path }

    init() throws {
        standIn = GraphStandIn(
            token: Self.token,
            accounts: [
                StandInAccount(
                    id: "1001", name: "Resume Shop", timezoneName: "UTC", adCount: 2, campaignCount: 1,
                    firstDay: "2025-11-17", dayCount: 21)
            ])
        try standIn.start()
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("adledger-sync-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    deinit {
        standIn.stop()
        try? FileManager.default.removeItem(at: directory)
    }

    /// A request for act_1001 over `since…until` (nil: the range rules), in 7-day chunks, one request at a time
    /// (so the order of requests is fixed), through the stand-in.
    func request(since: String?, until: String? = "2025-12-07") throws -> SyncRequest {
        var graph = try GraphConfiguration(token: Self.token, baseURL: standIn.baseURL)
        graph.requestTimeout = 10
        graph.maxRetries = 2
        var request = SyncRequest(accounts: [Self.account], graph: graph)
        request.since = since
        request.until = until
        request.waitsInstantly = true
        request.concurrency = 1
        return request
    }

    /// Runs `request` with the clock at `now`; the summary, whether the sync finished or an account stopped.
    func run(_ request: SyncRequest, at now: String) throws -> SyncSummary {
        let time = try instant(now)
        do {
            return try SyncRunner(ledgerPath: ledgerPath, now: { time }).run(request)
        } catch SyncError.accountsFailed(let summary) {
            return summary
        }
    }

    /// The ledger, with the clock at `now`.
    func ledger(at now: String) throws -> Ledger {
        let time = try instant(now)
        return try Ledger(path: ledgerPath, clock: { time })
    }

    /// `since…until` of every insights range asked for with `method` (from request number `after` + 1 on),
    /// in order: GET for a read's first page (later pages carry a cursor), POST for a report job.
    func insightRanges(_ method: String, after: Int = 0) throws -> [String] {
        try standIn.requests.dropFirst(after).filter { request in
            request.method == method && request.path.hasSuffix("/insights") && request.path.contains(Self.account)
                && request.parameters["after"] == nil
        }.map { request in
            let text = try #require(request.parameters["time_range"], "insights request without time_range")
            let range = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: String])
            return "\(range["since"] ?? "?")…\(range["until"] ?? "?")"
        }
    }

    /// The days (`date`) the ledger holds rows for, and how many rows each.
    func rowsPerDay() throws -> [String: Int] {
        var days: [String: Int] = [:]
        try ledger(at: "2025-12-08T12:00:00Z").query(
            "SELECT date, count(*) FROM meta_ads_performance GROUP BY date", columns: { _ in },
            row: { days[$0[0].plainText] = Int($0[1].plainText) })
        return days
    }

    /// Every day of `since…until` mapped to the stand-in's 2 rows a day.
    static func allRows(since: String, until: String) -> [String: Int] {
        Dictionary(
            uniqueKeysWithValues: SyncRange(since: since, until: until).chunks(accountId: account, days: 1).map {
                ($0.since, 2)
            })
    }
}
