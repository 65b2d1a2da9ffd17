import Foundation
import JSON
import TestSupport

/// A loopback Graph stand-in with a fixed set of accounts, and what a correct ledger holds after syncing it.
final class SyncWorld {
    let server: GraphStandIn
    let since: String
    let until: String
    let accounts: [StandInAccount]
    /// Seconds one HTTP request may take (`sync --timeout`): short, so injected hangs end quickly.
    var timeout: Double = 2
    /// `sync --concurrency`, when set.
    var concurrency: Int?

    init(accounts: [StandInAccount], since: String, until: String, latency: Double = 0) throws {
        self.accounts = accounts
        self.since = since
        self.until = until
        server = GraphStandIn(token: Workspace.token, accounts: accounts)
        try server.start()
        server.setLatency(latency)
    }

    deinit { server.stop() }

    /// The two accounts most scenarios use: USD and JPY, `ads` ads each, over `days` days from 2025-11-10.
    static func standard(ads: Int, days: Int, latency: Double = 0) throws -> SyncWorld {
        let first = "2025-11-10"
        let accounts = [
            StandInAccount(id: "2001", name: "Rel US", currency: "USD", timezoneName: "America/New_York", adCount: ads,
                           campaignCount: 3, firstDay: first, dayCount: days),
            StandInAccount(id: "2002", name: "Rel JP", currency: "JPY", timezoneName: "Asia/Tokyo", adCount: ads,
                           campaignCount: 2, firstDay: first, dayCount: days),
        ]
        let last = Self.day(first, plus: days - 1)
        return try SyncWorld(accounts: accounts, since: first, until: last, latency: latency)
    }

    static func day(_ text: String, plus days: Int) -> String {
        let formatter = DateFormatter()
        formatter.dateFormat = "yyyy-MM-dd"
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.locale = Locale(identifier: "en_US_POSIX")
        guard let date = formatter.date(from: text) else { return text }
        return formatter.string(from: date.addingTimeInterval(Double(days) * 86_400))
    }

    /// The environment a sync against this stand-in needs. Instant waits are a debug build's test hook.
    func environment(instantWaits: Bool = true) -> [String: String] {
        var env = ["META_GRAPH_API_TOKEN": Workspace.token, "META_GRAPH_BASE_URL": server.baseURL]
        if instantWaits { env["ADLEDGER_INSTANT_WAITS"] = "1" }
        return env
    }

    /// `sync` arguments for every account over the whole range.
    func syncArguments(db: String, json: Bool = true) -> [String] {
        var arguments = ["--db", db, "sync"]
        for account in accounts { arguments += ["--account", "act_\(account.id)"] }
        arguments += ["--since", since, "--until", until, "--timeout", String(timeout)]
        if let concurrency { arguments += ["--concurrency", String(concurrency)] }
        if json { arguments.append("--json") }
        return arguments
    }

    /// Every ad-day the stand-in serves, `meta_ad_id|date`.
    var allAdDays: Set<String> {
        Set(accounts.flatMap { account in
            server.insightRows(accountId: account.id, since: since, until: until).map { "\($0.adId)|\($0.date)" }
        })
    }

    /// Per account: (rows, spend in major units ×100 rounded, purchases) from the stand-in's own data.
    func expectedTotals() -> [String: (rows: Int, spendCents: Int, purchases: Int)] {
        var totals: [String: (Int, Int, Int)] = [:]
        for account in accounts {
            let rows = server.insightRows(accountId: account.id, since: since, until: until)
            let whole = ["JPY", "KRW"].contains(account.currency)
            let spendMinor = rows.reduce(0) { $0 + $1.spendMinor }
            totals["act_\(account.id)"] = (rows.count, whole ? spendMinor * 100 : spendMinor, rows.reduce(0) { $0 + $1.purchases })
        }
        return totals
    }

    static let totalsSQL =
        "SELECT meta_ad_account_id, count(*), CAST(round(sum(spend) * 100) AS INTEGER), sum(purchases) FROM meta_ads_performance GROUP BY 1 ORDER BY 1"

    /// Failure messages when the ledger's per-account totals differ from the stand-in's data.
    func checkTotals(_ workspace: Workspace, db: String) throws -> [String] {
        let expected = expectedTotals()
        var actual: [String: String] = [:]
        for line in try workspace.query(db, Self.totalsSQL) {
            let parts = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            guard parts.count == 4 else { continue }
            actual[parts[0]] = parts[1...].joined(separator: ",")
        }
        var problems: [String] = []
        for (account, value) in expected.sorted(by: { $0.key < $1.key }) {
            let want = "\(value.rows),\(value.spendCents),\(value.purchases)"
            if actual[account] != want {
                problems.append("totals of \(account): ledger \(actual[account] ?? "none"), stand-in \(want)")
            }
        }
        return problems
    }

    /// The insights chunks the client asked for (first pages), as `(account, since, until, limit)`.
    func requestedChunks() -> [(account: String, since: String, until: String, limit: Int)] {
        var seen = Set<String>()
        var chunks: [(String, String, String, Int)] = []
        for request in server.requests where request.method == "GET" && request.path.hasSuffix("/insights") {
            guard request.parameters["after"] == nil, let range = request.parameters["time_range"],
                let object = try? JSONParser.parse(range),
                let since = object["since"]?.stringValue, let until = object["until"]?.stringValue,
                let account = request.path.split(separator: "/").first(where: { $0.hasPrefix("act_") })
            else { continue }
            let limit = Int(request.parameters["limit"] ?? "") ?? 25
            let key = "\(account)|\(since)|\(until)|\(limit)"
            if seen.insert(key).inserted { chunks.append((String(account.dropFirst(4)), since, until, limit)) }
        }
        return chunks
    }

    /// Half-applied pages: for every chunk, the ad-days the ledger holds must be the first k rows the stand-in
    /// serves for it, with k a whole number of pages or the whole chunk.
    func halfPages(committed: Set<String>) -> [String] {
        var problems: [String] = []
        for chunk in requestedChunks() {
            let rows = server.insightRows(accountId: chunk.account, since: chunk.since, until: chunk.until)
                .map { "\($0.adId)|\($0.date)" }
            let k = rows.filter(committed.contains).count
            let isPrefix = rows.prefix(k).allSatisfy(committed.contains)
            if !isPrefix || (k % chunk.limit != 0 && k != rows.count) {
                problems.append(
                    "half page: act_\(chunk.account) \(chunk.since)…\(chunk.until) holds \(k) of \(rows.count) rows (page size \(chunk.limit), prefix \(isPrefix))")
            }
        }
        return problems
    }
}
