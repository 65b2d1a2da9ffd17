import Foundation
import TestSupport
import Testing

/// Flags that are refused in one line, before the ledger is created; and `sync --timeout`/`--concurrency` at work.
@Suite struct OptionValidationTests {
    static let token = "EAAsecretTOKENvalidation1234567890"

    @Test(arguments: [
        (["--since", "2025-02-30"], "--since 2025-02-30: not a calendar date"),
        (["--since", "2025-13-01"], "--since 2025-13-01: not a calendar date"),
        (["--until", "12/01/2025"], "--until 12/01/2025: not a calendar date"),
        (["--until", "2025-12-1"], "--until 2025-12-1: not a calendar date"),
        (["--since", "2025-12-10", "--until", "2025-12-01"], "--since 2025-12-10 is after --until 2025-12-01"),
    ])
    func badDaysAreRefusedInOneLine(days: [String], expected: String) throws {
        let bin = try AdledgerBinary()
        for command in [["sync", "--account", "act_1"], ["report"]] {
            let result = try bin.run(
                ["--db", "l.sqlite"] + command + days, extraEnvironment: ["META_GRAPH_API_TOKEN": "x"])
            #expect(result.status != 0, "\(command)")
            #expect(
                result.stderr == "Error: \(expected); "
                    + (expected.contains("after") ? "swap them\n" : "use YYYY-MM-DD, e.g. 2025-12-01\n"))
            #expect(!FileManager.default.fileExists(atPath: bin.path("l.sqlite")), "\(command) created the ledger")
        }
    }

    @Test func aLeapDayIsADay() throws {
        let bin = try AdledgerBinary()
        _ = try bin.run(["--db", "l.sqlite", "init"])
        let report = try bin.run([
            "--db", "l.sqlite", "report", "--since", "2024-02-29", "--until", "2024-03-01", "--format", "csv",
        ])
        #expect(report.status == 0, "\(report.stderr)")
        let notLeap = try bin.run(["--db", "l.sqlite", "report", "--since", "2025-02-29"])
        #expect(notLeap.stderr.contains("not a calendar date"))
    }

    @Test(arguments: [
        (["--timeout", "0"], "--timeout 0.0 is out of range"), (["--timeout=-1"], "--timeout -1.0 is out of range"),
        (["--timeout", "nan"], "--timeout nan is out of range"),
        (["--concurrency", "0"], "--concurrency 0 is out of range; give 1…32"),
        (["--concurrency", "33"], "--concurrency 33 is out of range"),
        (["--lookback", "2000"], "--lookback 2000 is out of range"),
    ])
    func syncLimitsAreRefusedInOneLine(flags: [String], expected: String) throws {
        let bin = try AdledgerBinary()
        let result = try bin.run(
            ["--db", "l.sqlite", "sync", "--account", "act_1"] + flags, extraEnvironment: ["META_GRAPH_API_TOKEN": "x"])
        #expect(result.status != 0)
        #expect(result.stderr.hasPrefix("Error: \(expected)"), "\(result.stderr)")
        #expect(result.stderr.split(separator: "\n").count == 1, "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: bin.path("l.sqlite")))
    }

    func standIn() throws -> GraphStandIn {
        let server = GraphStandIn(
            token: Self.token,
            accounts: [
                StandInAccount(
                    id: "1001", name: "US", currency: "USD", timezoneName: "America/Los_Angeles", adCount: 30,
                    campaignCount: 1),
                StandInAccount(
                    id: "1002", name: "JP", currency: "JPY", timezoneName: "Asia/Tokyo", adCount: 30, campaignCount: 1),
            ])
        try server.start()
        return server
    }

    func sync(_ bin: AdledgerBinary, _ server: GraphStandIn, _ flags: [String]) throws -> [String: Any] {
        let result = try bin.run(
            [
                "--db", "l.sqlite", "sync", "--account", "act_1001", "--account", "act_1002", "--since", "2025-12-01",
                "--until", "2025-12-07", "--json",
            ]
                + flags,
            extraEnvironment: [
                "META_GRAPH_API_TOKEN": Self.token, "META_GRAPH_BASE_URL": server.baseURL,
                "ADLEDGER_NOW": "2025-12-08T12:00:00Z",
            ])
        try #require(result.status == 0, "\(result.stderr)")
        return try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
    }

    /// Accounts come from --brand (its linked accounts) and --account, each once, else META_AD_ACCOUNT_ID.
    @Test func accountsResolveFromBrandsAccountsAndTheDefault() throws {
        let server = try standIn()
        defer { server.stop() }
        let bin = try AdledgerBinary()
        let environment = [
            "META_GRAPH_API_TOKEN": Self.token, "META_GRAPH_BASE_URL": server.baseURL,
            "ADLEDGER_NOW": "2025-12-08T12:00:00Z", "META_AD_ACCOUNT_ID": "act_1002",
        ]
        let days = ["--since", "2025-12-01", "--until", "2025-12-07", "--json", "--timeout", "5"]
        func accounts(_ arguments: [String]) throws -> [String] {
            let result = try bin.run(["--db", "l.sqlite", "sync"] + arguments + days, extraEnvironment: environment)
            try #require(result.status == 0, "\(result.stderr)")
            let summary = try #require(
                try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
            return (summary["accounts"] as? [[String: Any]] ?? []).compactMap { $0["account_id"] as? String }
        }
        let unlinked = try bin.run(["--db", "l.sqlite", "sync", "--brand", "WP"] + days, extraEnvironment: environment)
        #expect(
            unlinked.stderr
                == "Error: brand WP has no linked ad accounts; link one with `adledger brand link WP act_<digits>`\n")
        #expect(try accounts([]) == ["act_1002"])
        _ = try bin.run(["--db", "l.sqlite", "brand", "link", "WP", "act_1001"])
        #expect(try accounts(["--brand", "WP", "--account", "1001"]) == ["act_1001"])
        #expect(try accounts(["--brand", "WP", "--account", "act_1002"]).sorted() == ["act_1001", "act_1002"])
        let badLimit = try bin.run(
            ["--db", "l.sqlite", "sync"] + days,
            extraEnvironment: environment.merging(["ADLEDGER_RATE_LIMIT": "fast"]) { $1 })
        #expect(badLimit.stderr.hasPrefix("Error: ADLEDGER_RATE_LIMIT is \"fast\"; set it to a positive number"))
    }

    /// A request that hangs longer than `--timeout` is given up and retried; a longer timeout waits for it.
    @Test func timeoutGivesUpOnAHungRequest() throws {
        let server = try standIn()
        defer { server.stop() }
        server.inject(.hang(seconds: 4), on: .nextPage("insights"), times: 1)
        let short = try sync(try AdledgerBinary(), server, ["--timeout", "1", "--concurrency", "1"])
        #expect(short["retries"] as? Int == 1)
        server.inject(.hang(seconds: 4), on: .nextPage("insights"), times: 1)
        let long = try sync(try AdledgerBinary(), server, ["--timeout", "30", "--concurrency", "1"])
        #expect(long["retries"] as? Int == 0)
        #expect(long["rows"] as? Int == short["rows"] as? Int)
    }

    /// `--concurrency 1` syncs one account after the other: each account's requests form one run.
    @Test func concurrencyOneSyncsAccountsOneAtATime() throws {
        let server = try standIn()
        defer { server.stop() }
        server.setLatency(0.02)
        let summary = try sync(try AdledgerBinary(), server, ["--concurrency", "1", "--timeout", "5"])
        #expect(summary["rows"] as? Int == 2 * 30 * 7)
        let order = server.requests.sorted { $0.number < $1.number }.compactMap { request in
            ["act_1001", "act_1002"].first { request.path.contains($0) }
        }
        let switches = zip(order, order.dropFirst()).filter { $0 != $1 }.count
        #expect(order.count > 6)
        #expect(switches == 1, "requests interleaved across accounts: \(order)")
    }
}
