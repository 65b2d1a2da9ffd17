import Foundation
import TestSupport
import Testing

/// `sync --attribution-windows` / `--use-account-attribution-setting` / `--attribution-change` against the
/// loopback stand-in: what Meta is asked, what the run and the rows record, and that a different setting never
/// silently replaces rows fetched under another.
@Suite struct AttributionCommandTests {
    static let token = "EAAattributionTOKEN00000000"

    func standIn() throws -> GraphStandIn {
        let server = GraphStandIn(
            token: Self.token,
            accounts: [StandInAccount(id: "3001", name: "Attribution US", adCount: 3, dayCount: 3)])
        try server.start()
        return server
    }

    func sync(_ bin: AdledgerBinary, _ server: GraphStandIn, _ extra: [String]) throws -> AdledgerBinary.Result {
        try bin.run(
            ["--db", "l.sqlite", "sync", "--account", "act_3001", "--since", "2025-12-01", "--until", "2025-12-03"]
                + extra,
            extraEnvironment: [
                "META_GRAPH_API_TOKEN": Self.token, "META_GRAPH_BASE_URL": server.baseURL,
                "ADLEDGER_NOW": "2025-12-08T12:00:00Z", "ADLEDGER_INSTANT_WAITS": "1",
            ])
    }

    func query(_ bin: AdledgerBinary, _ sql: String) throws -> [[String: Any]] {
        let result = try bin.run(["--db", "l.sqlite", "query", sql, "--format", "json"])
        try #require(result.status == 0, "\(result.stderr)")
        return try AdledgerBinary.json(result.stdout)
    }

    @Test(arguments: ["7d_view", "28d_view", "1d_click,28d_view"])
    func removedViewWindowsAreRefusedSayingWhen(windows: String) throws {
        let bin = try AdledgerBinary()
        let server = try standIn()
        defer { server.stop() }
        let result = try sync(bin, server, ["--attribution-windows", windows])
        #expect(result.status != 0)
        #expect(result.stderr.contains("2026-01-12"), "\(result.stderr)")
        #expect(result.stderr.contains("no longer available"), "\(result.stderr)")
        #expect(server.requestCount == 0)
        #expect(!FileManager.default.fileExists(atPath: bin.path("l.sqlite")))
    }

    @Test func unknownAndConflictingSettingsAreRefused() throws {
        let bin = try AdledgerBinary()
        let server = try standIn()
        defer { server.stop() }
        let unknown = try sync(bin, server, ["--attribution-windows", "3d_click"])
        #expect(unknown.status != 0)
        #expect(unknown.stderr.contains("3d_click") && unknown.stderr.contains("7d_click"), "\(unknown.stderr)")
        let both = try sync(bin, server, ["--attribution-windows", "1d_click", "--use-account-attribution-setting"])
        #expect(both.status != 0)
        #expect(both.stderr.contains("give one"), "\(both.stderr)")
        #expect(server.requestCount == 0)
    }

    @Test func settingIsAskedRecordedAndAChangeNeedsTheFlag() throws {
        let bin = try AdledgerBinary()
        let server = try standIn()
        defer { server.stop() }

        // 1. The documented default: 7d_click,1d_view, asked of Meta and recorded by the run and each row.
        let first = try sync(bin, server, [])
        #expect(first.status == 0, "\(first.stderr)")
        let insightRequests = server.requests.filter { $0.path.hasSuffix("/insights") }
        #expect(!insightRequests.isEmpty)
        #expect(
            insightRequests.allSatisfy { $0.parameters["action_attribution_windows"] == #"["7d_click","1d_view"]"# })
        #expect(
            try query(bin, "SELECT DISTINCT attribution FROM meta_ads_performance").map { $0["attribution"] as? String }
                == ["7d_click,1d_view"])
        let context = try query(
            bin,
            """
            SELECT json_extract(CAST(p.body AS TEXT), '$.attribution') AS a FROM events e
            JOIN payloads p ON p.hash = e.payload_hash WHERE e.kind = 'sync.started'
            """)
        #expect(context.map { $0["a"] as? String } == ["7d_click,1d_view"])

        // 2. Another setting is refused before any request or event: the rows would be replaced silently.
        let events = try query(bin, "SELECT count(*) AS n FROM events")[0]["n"] as? Int
        let requests = server.requestCount
        let refused = try sync(bin, server, ["--attribution-windows", "1d_click"])
        #expect(refused.status != 0)
        #expect(refused.stderr.contains("act_3001"), "\(refused.stderr)")
        #expect(refused.stderr.contains("7d_click,1d_view") && refused.stderr.contains("--attribution-change"))
        #expect(try query(bin, "SELECT count(*) AS n FROM events")[0]["n"] as? Int == events)
        #expect(server.requestCount == requests)
        // The account's own setting is a different setting too.
        #expect(try sync(bin, server, ["--use-account-attribution-setting"]).status != 0)

        // 3. With --attribution-change the days get new versions under the new setting; history keeps both.
        let changed = try sync(bin, server, ["--attribution-windows", "1d_click", "--attribution-change"])
        #expect(changed.status == 0, "\(changed.stderr)")
        #expect(
            server.requests.last { $0.path.hasSuffix("/insights") }?.parameters["action_attribution_windows"]
                == #"["1d_click"]"#)
        #expect(
            try query(bin, "SELECT DISTINCT attribution FROM meta_ads_performance").map { $0["attribution"] as? String }
                == ["1d_click"])
        let versions = try query(
            bin,
            "SELECT attribution FROM meta_ads_performance_history WHERE date = '2025-12-01' ORDER BY meta_ad_id, seq")
        #expect(versions.count == 6)  // 3 ads, each under both settings
        #expect(versions.map { $0["attribution"] as? String }.filter { $0 == "7d_click,1d_view" }.count == 3)

        // 4. The account's own setting: Meta is asked with use_account_attribution_setting, no windows.
        let account = try sync(bin, server, ["--use-account-attribution-setting", "--attribution-change"])
        #expect(account.status == 0, "\(account.stderr)")
        let last = server.requests.last { $0.path.hasSuffix("/insights") }
        #expect(last?.parameters["use_account_attribution_setting"] == "true")
        #expect(last?.parameters["action_attribution_windows"] == nil)
        #expect(
            try query(bin, "SELECT DISTINCT attribution FROM meta_ads_performance").map { $0["attribution"] as? String }
                == ["account_setting"])
        // The same setting again needs no flag.
        #expect(try sync(bin, server, ["--use-account-attribution-setting"]).status == 0)
        #expect(try bin.run(["--db", "l.sqlite", "verify"]).status == 0)
    }
}
