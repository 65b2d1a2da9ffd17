import Foundation
import MetaGraph
import TestSupport

/// A started stand-in, a fake clock shared with it, and a way to make clients against it.
struct StandInHarness {
    static let token = "EAAtestTOKEN0123456789secret"
    static let fields = [
        "account_currency", "account_id", "ad_id", "ad_name", "date_start", "date_stop", "spend", "impressions",
        "clicks", "actions", "action_values", "outbound_clicks",
    ]

    let standIn: GraphStandIn
    let clock: FakeClock
    let log = EventLog()

    /// Starts a stand-in serving `accounts` (by default one USD account, 5 ads × 7 days = 35 rows).
    init(accounts: [StandInAccount] = [StandInAccount(id: "1001", name: "Test Shop")]) throws {
        let clock = FakeClock()
        self.clock = clock
        standIn = GraphStandIn(token: StandInHarness.token, accounts: accounts, clock: { clock.now() })
        try standIn.start()
    }

    /// A configuration pointed at the stand-in, with small pages and fast settings.
    func configuration(
        token: String = StandInHarness.token, _ adjust: (inout GraphConfiguration) -> Void = { _ in }
    ) throws -> GraphConfiguration {
        var configuration = try GraphConfiguration(token: token, baseURL: standIn.baseURL)
        configuration.pageLimit = 10
        configuration.requestTimeout = 10
        configuration.connectTimeout = 5
        configuration.maxRetries = 3
        adjust(&configuration)
        return configuration
    }

    /// A client over real libcurl, with the fake clock and a constant jitter.
    func client(
        token: String = StandInHarness.token, _ adjust: (inout GraphConfiguration) -> Void = { _ in }
    ) throws -> GraphClient {
        let configuration = try configuration(token: token, adjust)
        let log = self.log
        return GraphClient(
            configuration: configuration, transport: try CurlTransport(configuration: configuration), clock: clock,
            jitter: { 0.5 }, onEvent: { log.record($0) })
    }

    /// Reads every insights page of account 1001 for its whole range.
    func readAllInsights(_ client: GraphClient, account: String = "act_1001") throws -> [GraphPage] {
        guard let range = standIn.dataRange(accountId: account) else { return [] }
        var pages: [GraphPage] = []
        try client.forEachInsightsPage(
            accountId: account, since: range.since, until: range.until, fields: StandInHarness.fields
        ) { pages.append($0) }
        return pages
    }

    /// The stand-in's total spend for the account, in minor units.
    func expectedSpend(account: String = "act_1001") -> (rows: Int, spendMinor: Int) {
        guard let range = standIn.dataRange(accountId: account) else { return (0, 0) }
        let rows = standIn.insightRows(accountId: account, since: range.since, until: range.until)
        return (rows.count, rows.reduce(0) { $0 + $1.spendMinor })
    }

    /// Rows and spend (minor units, two decimals) in pages, parsed independently of the client.
    static func totals(_ pages: [GraphPage]) -> (rows: Int, spendMinor: Int, adDays: Set<String>) {
        var rows = 0
        var spend = 0
        var adDays: Set<String> = []
        for page in pages {
            guard let object = (try? JSONSerialization.jsonObject(with: page.body)) as? [String: Any],
                let data = object["data"] as? [[String: Any]]
            else { continue }
            for row in data {
                rows += 1
                spend += minorUnits(row["spend"] as? String ?? "0")
                adDays.insert("\(row["ad_id"] as? String ?? "?")/\(row["date_start"] as? String ?? "?")")
            }
        }
        return (rows, spend, adDays)
    }

    static func minorUnits(_ text: String) -> Int {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        let whole = Int(parts.first ?? "0") ?? 0
        guard parts.count == 2 else { return whole * 100 }
        let fraction = String((parts[1] + "00").prefix(2))
        return whole * 100 + (Int(fraction) ?? 0)
    }
}
