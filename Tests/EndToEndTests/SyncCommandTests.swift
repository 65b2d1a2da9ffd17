import Foundation
import TestSupport
import Testing

/// `adledger sync` against the loopback Graph stand-in, through the built binary.
@Suite struct SyncCommandTests {
    static let token = "EAAsecretTOKENvalue1234567890"

    /// A stand-in with a USD and a JPY account, 30 ads × 7 days each (so several pages per chunk).
    func standIn() throws -> GraphStandIn {
        let server = GraphStandIn(
            token: Self.token,
            accounts: [
                StandInAccount(id: "1001", name: "Wild Pines US", currency: "USD", timezoneName: "America/Los_Angeles", adCount: 30, campaignCount: 3),
                StandInAccount(id: "1002", name: "Wild Pines JP", currency: "JPY", timezoneName: "Asia/Tokyo", adCount: 20, campaignCount: 2),
            ])
        try server.start()
        return server
    }

    func environment(_ server: GraphStandIn) -> [String: String] {
        [
            "META_GRAPH_API_TOKEN": Self.token, "META_GRAPH_BASE_URL": server.baseURL, "ADLEDGER_NOW": "2025-12-08T12:00:00Z",
            "ADLEDGER_INSTANT_WAITS": "1",
        ]
    }

    /// Per-account spend in major units and purchases, from the stand-in's own data.
    func expected(
        _ server: GraphStandIn, account: String, offset: Double, since: String = "2025-12-01", until: String = "2025-12-07"
    ) -> (spend: Double, purchases: Int, rows: Int) {
        let rows = server.insightRows(accountId: account, since: since, until: until)
        return (Double(rows.reduce(0) { $0 + $1.spendMinor }) / offset, rows.reduce(0) { $0 + $1.purchases }, rows.count)
    }

    func totals(_ bin: AdledgerBinary) throws -> [String: (spend: Double, purchases: Int, rows: Int)] {
        let result = try bin.run([
            "--db", "l.sqlite", "query",
            "SELECT meta_ad_account_id AS a, round(sum(spend), 2) AS s, sum(purchases) AS p, count(*) AS n FROM meta_ads_performance GROUP BY 1",
            "--format", "json",
        ])
        var totals: [String: (Double, Int, Int)] = [:]
        for row in try AdledgerBinary.json(result.stdout) {
            let account = try #require(row["a"] as? String)
            totals[account] = (
                (row["s"] as? Double) ?? Double(row["s"] as? Int ?? -1), row["p"] as? Int ?? -1, row["n"] as? Int ?? -1
            )
        }
        return totals
    }

    func checkTotals(
        _ bin: AdledgerBinary, _ server: GraphStandIn, since: String = "2025-12-01", sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        let totals = try totals(bin)
        let us = expected(server, account: "1001", offset: 100, since: since)
        let jp = expected(server, account: "1002", offset: 1, since: since)
        #expect(totals["act_1001"]?.rows == us.rows, sourceLocation: sourceLocation)
        #expect(totals["act_1001"]?.spend == us.spend, sourceLocation: sourceLocation)
        #expect(totals["act_1001"]?.purchases == us.purchases, sourceLocation: sourceLocation)
        #expect(totals["act_1002"]?.rows == jp.rows, sourceLocation: sourceLocation)
        #expect(totals["act_1002"]?.spend == jp.spend, sourceLocation: sourceLocation)
        #expect(totals["act_1002"]?.purchases == jp.purchases, sourceLocation: sourceLocation)
    }

    /// The token appears in no file the sync left behind and in nothing it printed.
    func checkNoToken(_ bin: AdledgerBinary, outputs: [AdledgerBinary.Result], sourceLocation: SourceLocation = #_sourceLocation) throws {
        let needle = Array(Self.token.utf8)
        let files = FileManager.default.enumerator(atPath: bin.directory.path)?.compactMap { $0 as? String } ?? []
        for file in files {
            let path = bin.directory.appendingPathComponent(file).path
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue else { continue }
            let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
            #expect(!bytes.indices.contains { bytes[$0...].starts(with: needle) }, "token found in \(file)", sourceLocation: sourceLocation)
            #expect(!String(decoding: bytes, as: UTF8.self).contains("access_token="), "access_token= in \(file)", sourceLocation: sourceLocation)
        }
        for output in outputs {
            #expect(!output.stdout.contains(Self.token) && !output.stderr.contains(Self.token), sourceLocation: sourceLocation)
            #expect(!output.stderr.contains("access_token"), sourceLocation: sourceLocation)
        }
    }

    @Test func syncTwoAccountsMatchesTheStandInToTheCent() throws {
        let server = try standIn()
        defer { server.stop() }
        var bin = try AdledgerBinary()
        bin.environment.merge(environment(server)) { $1 }
        let result = try bin.run(["--db", "l.sqlite", "sync", "--timeout", "2", "--account", "act_1001", "--account", "1002", "--since", "2025-12-01", "--json"])
        #expect(result.status == 0, "\(result.stderr)")
        let summary = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(summary["outcome"] as? String == "ok")
        try checkTotals(bin, server)
        // Accounts (with their time zones) and campaigns, budgets in major units: the stand-in sends
        // 2500, 5000, 7500 cents and 5000, 10000 yen (JPY has no minor unit).
        let accounts = try bin.run(["--db", "l.sqlite", "query", "SELECT id, currency, timezone_name FROM meta_ad_accounts ORDER BY id", "--format", "csv"])
        #expect(accounts.stdout == "id,currency,timezone_name\nact_1001,USD,America/Los_Angeles\nact_1002,JPY,Asia/Tokyo\n")
        let campaigns = try bin.run([
            "--db", "l.sqlite", "query",
            "SELECT meta_ad_account_id AS a, name, daily_budget, lifetime_budget FROM meta_campaigns ORDER BY a, name",
            "--format", "csv",
        ])
        #expect(
            campaigns.stdout == """
                a,name,daily_budget,lifetime_budget
                act_1001,Campaign 1,25.0,0.0
                act_1001,Campaign 2,50.0,0.0
                act_1001,Campaign 3,75.0,0.0
                act_1002,Campaign 1,5000.0,0.0
                act_1002,Campaign 2,10000.0,0.0

                """)
        // Paging followed `next` exactly: the token was never added twice.
        #expect(server.maxTokenCount == 1)
        #expect(try bin.run(["--db", "l.sqlite", "verify"]).status == 0)

        // A second sync of unchanged data appends no insight events; a restatement appends versions.
        let events = { () throws -> String in
            try bin.run(["--db", "l.sqlite", "query", "SELECT count(*) AS n FROM events WHERE kind = 'insight.fetched'", "--format", "csv"]).stdout
        }
        let before = try events()
        let again = try bin.run(["--db", "l.sqlite", "sync", "--timeout", "2", "--account", "act_1001", "--since", "2025-12-01"])
        #expect(again.status == 0, "\(again.stderr)")
        #expect(try events() == before)
        let original = server.insightRows(accountId: "1001", since: "2025-12-05", until: "2025-12-07")
        server.restate(accountId: "1001", from: "2025-12-05", revision: 1)
        let restatedRows = zip(original, server.insightRows(accountId: "1001", since: "2025-12-05", until: "2025-12-07"))
            .filter { $0.json(fields: nil) != $1.json(fields: nil) }.count
        #expect(restatedRows > 0)
        let restated = try bin.run(["--db", "l.sqlite", "sync", "--timeout", "2", "--account", "act_1001", "--since", "2025-12-01"])
        #expect(restated.status == 0)
        #expect(restated.stdout.contains(" \(restatedRows) changed"), "\(restated.stdout)")
        let revised = try bin.run(["--db", "l.sqlite", "query", "SELECT count(*) AS n FROM meta_ads_performance WHERE revisions = 2", "--format", "csv"])
        #expect(revised.stdout == "n\n\(restatedRows)\n")
        try checkTotals(bin, server)
        try checkNoToken(bin, outputs: [result, again, restated])
    }

    @Test(arguments: [
        StandInFault.throttle(code: 17), .throttle(code: 4), .throttle(code: 32), .throttle(code: 613),
        .throttle(code: 80000), .throttle(code: 80004), .throttle(code: 80014), .serverError(status: 500),
        .serverError(status: 503), .connectionReset, .truncatedBody, .html, .hang(seconds: 5), .emptyPageWithNext,
        .reduceData,
    ])
    func recoverableFaultsEndWithTheRightTotals(fault: StandInFault) throws {
        let server = try standIn()
        defer { server.stop() }
        server.inject(fault, on: .nextPage("insights"), times: 2)
        var bin = try AdledgerBinary()
        bin.environment.merge(environment(server)) { $1 }
        let result = try bin.run(["--db", "l.sqlite", "sync", "--timeout", "2", "--account", "act_1001", "--account", "act_1002", "--since", "2025-12-01", "--json"])
        #expect(result.status == 0, "\(fault): \(result.stderr)")
        // The fault really happened, and was waited out or retried (boundedly), not ignored.
        let summary = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let accounts = try #require(summary["accounts"] as? [[String: Any]])
        let handled = accounts.reduce(0) { $0 + ($1["retries"] as? Int ?? 0) + ($1["throttle_waits"] as? Int ?? 0) }
        if fault != .emptyPageWithNext && fault != .reduceData {
            #expect(handled >= 2, "\(fault): \(result.stdout)")
            #expect(handled <= 6, "\(fault): \(result.stdout)")
        }
        try checkTotals(bin, server)
        #expect(try bin.run(["--db", "l.sqlite", "verify"]).status == 0)
        try checkNoToken(bin, outputs: [result])
    }

    @Test(arguments: [
        (StandInFault.tokenError(subcode: 463), "expired"),
        (.tokenError(subcode: 460), "META_GRAPH_API_TOKEN"),
        (.permission(code: 200), "ads_read"),
        (.permission(code: 10), "permission"),
        (.badAccount, "act_"),
    ])
    func stoppingErrorsNameTheFix(fault: StandInFault, expected: String) throws {
        let server = try standIn()
        defer { server.stop() }
        server.inject(fault, on: .nextPage("insights"), times: 100)
        var bin = try AdledgerBinary()
        bin.environment.merge(environment(server)) { $1 }
        let result = try bin.run(["--db", "l.sqlite", "sync", "--timeout", "2", "--account", "act_1001", "--since", "2025-12-01"])
        #expect(result.status != 0)
        #expect(result.stderr.lowercased().contains(expected.lowercased()), "\(result.stderr)")
        // What was fetched before the failure (the first chunk's first page) is kept, and the ledger is consistent.
        let firstPage = try #require(server.requests.first { $0.path.hasSuffix("act_1001/insights") }?.parameters["limit"])
        let kept = try bin.run(["--db", "l.sqlite", "query", "SELECT count(*) AS n FROM meta_ads_performance", "--format", "csv"])
        #expect(kept.stdout == "n\n\(firstPage)\n")
        #expect(try bin.run(["--db", "l.sqlite", "verify"]).status == 0)
        let finished = try bin.run(["--db", "l.sqlite", "events", "--kind", "sync.finished", "--format", "json"])
        #expect(finished.stdout.contains("failed"))
        try checkNoToken(bin, outputs: [result])
        // Once the fault is gone, the same command resumes and completes.
        server.clearFaults()
        let rerun = try bin.run(["--db", "l.sqlite", "sync", "--timeout", "2", "--account", "act_1001", "--since", "2025-12-01"])
        #expect(rerun.status == 0, "\(rerun.stderr)")
        #expect(try totals(bin)["act_1001"]?.rows == self.expected(server, account: "1001", offset: 100).rows)
    }

    @Test func longRangesGoThroughAsyncJobsAndAFailedJobIsSplit() throws {
        // 129 days of data (over the 93-day threshold for report jobs): 19 chunks on ISO weeks, the first of 3
        // days (Friday 2025-08-01 to Sunday), fetched one at a time so the order of jobs is fixed.
        let server = GraphStandIn(
            token: Self.token,
            accounts: [
                StandInAccount(id: "1001", name: "Wild Pines US", adCount: 3, firstDay: "2025-08-01", dayCount: 129),
                StandInAccount(id: "1002", name: "Wild Pines JP", currency: "JPY", timezoneName: "Asia/Tokyo", adCount: 2, firstDay: "2025-08-01", dayCount: 129),
            ])
        try server.start()
        defer { server.stop() }
        server.inject(.asyncJobFails(status: "Job Failed"), on: .post("insights"), times: 1)
        var bin = try AdledgerBinary()
        bin.environment.merge(environment(server)) { $1 }
        let result = try bin.run(["--db", "l.sqlite", "sync", "--timeout", "2", "--account", "act_1001", "--account", "act_1002", "--since", "2025-08-01", "--until", "2025-12-07", "--concurrency", "1"])
        #expect(result.status == 0, "\(result.stderr)")
        // Every range went through a report job; the one that failed was asked for again as two halves.
        #expect(!server.requests.contains { $0.method == "GET" && $0.path.hasSuffix("/insights") && $0.path.contains("/act_") })
        let posts = server.requests.filter { $0.method == "POST" }
        let failed = try #require(posts.first)
        func jobs(_ account: String) throws -> [String] {
            try posts.filter { $0.path.contains(account) }.map { post in
                let text = Data((post.parameters["time_range"] ?? "").utf8)
                let range = try #require(try JSONSerialization.jsonObject(with: text) as? [String: String])
                return "\(range["since"] ?? "")…\(range["until"] ?? "")"
            }
        }
        let (split, whole) = failed.path.contains("act_1001/") ? ("act_1001/", "act_1002/") : ("act_1002/", "act_1001/")
        let splitJobs = try jobs(split)
        let wholeJobs = try jobs(whole)
        #expect(splitJobs.prefix(4) == ["2025-08-01…2025-08-03", "2025-08-01…2025-08-01", "2025-08-02…2025-08-03", "2025-08-04…2025-08-10"])
        #expect(splitJobs.count == 19 + 2)
        #expect(wholeJobs.prefix(2) == ["2025-08-01…2025-08-03", "2025-08-04…2025-08-10"])
        #expect(wholeJobs.count == 19)
        #expect(wholeJobs.last == "2025-12-01…2025-12-07")
        // Every row of every day is there, those of the split week included.
        try checkTotals(bin, server, since: "2025-08-01")
        let splitWeek = try bin.run([
            "--db", "l.sqlite", "query",
            "SELECT count(*) AS n FROM meta_ads_performance WHERE meta_ad_account_id = '\(split.dropLast())' AND date <= '2025-08-07'",
            "--format", "csv",
        ])
        #expect(splitWeek.stdout == "n\n\(7 * (split == "act_1001/" ? 3 : 2))\n")
        #expect(try bin.run(["--db", "l.sqlite", "verify"]).status == 0)
    }

    @Test func lookbackCountsBackFromTodayInTheAccountsTimeZone() throws {
        let server = try standIn()
        defer { server.stop() }
        var bin = try AdledgerBinary()
        bin.environment.merge(environment(server)) { $1 }
        // 2025-12-07T20:00Z is already Dec 8 in Tokyo but still Dec 7 in Los Angeles.
        let result = try bin.run(["--db", "l.sqlite", "sync", "--timeout", "2", "--account", "act_1001", "--account", "act_1002", "--lookback", "2", "--json"],
            extraEnvironment: ["ADLEDGER_NOW": "2025-12-07T20:00:00Z"])
        #expect(result.status == 0, "\(result.stderr)")
        let summary = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let accounts = try #require(summary["accounts"] as? [[String: Any]])
        let ranges = Dictionary(uniqueKeysWithValues: accounts.map { ($0["account_id"] as? String ?? "", "\($0["since"] ?? "")…\($0["until"] ?? "")") })
        #expect(ranges["act_1001"] == "2025-12-05…2025-12-07")
        #expect(ranges["act_1002"] == "2025-12-06…2025-12-08")
    }

    @Test func campaignsThatCannotBeReadDoNotStopTheInsights() throws {
        let server = try standIn()
        defer { server.stop() }
        server.inject(.serverError(status: 500), on: .path("campaigns"), times: 100)
        var bin = try AdledgerBinary()
        bin.environment.merge(environment(server)) { $1 }
        let result = try bin.run(["--db", "l.sqlite", "sync", "--timeout", "2", "--account", "act_1001", "--account", "act_1002", "--since", "2025-12-01", "--json"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("campaigns not read"))
        try checkTotals(bin, server)
        let summary = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(summary["rows"] as? Int == 350)
        #expect(summary["new"] as? Int == 350)
    }

    /// A token and base URL exported on the machine never reach the binary a test runs: the sync stops for
    /// want of a token and the stand-in they point at receives nothing. Set for the child, they do reach it.
    @Test func exportedMetaAndAdledgerVariablesDoNotReachTheChild() throws {
        let server = try standIn()
        defer { server.stop() }
        var bin = try AdledgerBinary()
        bin.inherited.merge(environment(server)) { $1 }
        bin.inherited["ADLEDGER_DB"] = bin.path("exported.sqlite")
        let result = try bin.run(["--db", "l.sqlite", "sync", "--account", "act_1001", "--since", "2025-12-07"])
        #expect(result.status != 0)
        #expect(result.stderr.contains("META_GRAPH_API_TOKEN"), "\(result.stderr)")
        #expect(server.requests.isEmpty)
        // `status` names the ledger it opens: the default, not the exported one (set for the child, it is).
        let status = try bin.run(["status"])
        #expect(!(status.stdout + status.stderr).contains("exported.sqlite"), "\(status.stdout)\(status.stderr)")
        let named = try bin.run(["status"], extraEnvironment: ["ADLEDGER_DB": bin.path("exported.sqlite")])
        #expect((named.stdout + named.stderr).contains("exported.sqlite"), "\(named.stdout)\(named.stderr)")
        // The control: the same variables set for the child reach the stand-in.
        bin.environment.merge(environment(server)) { $1 }
        let reached = try bin.run(["--db", "l.sqlite", "sync", "--account", "act_1001", "--since", "2025-12-07"])
        #expect(reached.status == 0, "\(reached.stderr)")
        #expect(!server.requests.isEmpty)
    }

    @Test func childEnvironmentDropsEveryAdledgerAndMetaVariable() {
        let inherited = [
            "PATH": "/usr/bin", "HOME": "/home/x", "META_GRAPH_BASE_URL": "https://graph.facebook.com", "META_GRAPH_API_TOKEN": "EAAx",
            "META_AD_ACCOUNT_ID": "act_1", "ADLEDGER_DB": "/tmp/real.sqlite", "ADLEDGER_NOW": "2025-01-01T00:00:00Z", "METADATA": "kept",
        ]
        let child = AdledgerBinary.childEnvironment(inherited: inherited, set: ["ADLEDGER_NOW": "2025-12-08T12:00:00Z"])
        #expect(child == ["PATH": "/usr/bin", "HOME": "/home/x", "METADATA": "kept", "ADLEDGER_NOW": "2025-12-08T12:00:00Z"])
    }

    @Test func missingTokenAndMissingAccountNameTheFix() throws {
        let bin = try AdledgerBinary()
        let noToken = try bin.run(["--db", "l.sqlite", "sync", "--timeout", "2", "--account", "act_1"])
        #expect(noToken.status != 0)
        #expect(noToken.stderr.contains("META_GRAPH_API_TOKEN"))
        let noAccount = try bin.run(["--db", "l.sqlite", "sync"], extraEnvironment: ["META_GRAPH_API_TOKEN": "x"])
        #expect(noAccount.status != 0)
        #expect(noAccount.stderr.contains("--account"))
    }

    @Test func recordThenReplayGivesTheSameLedgerWithNoNetwork() throws {
        let server = try standIn()
        server.inject(.throttle(code: 80004), on: .nextPage("insights"), times: 1)
        server.inject(.serverError(status: 503), on: .nextPage("insights"), times: 1)
        var bin = try AdledgerBinary()
        bin.environment.merge(environment(server)) { $1 }
        let recorded = try bin.run(["--db", "live.sqlite", "sync", "--timeout", "2", "--account", "act_1001", "--account", "act_1002", "--since", "2025-12-01", "--record", "cassette"])
        #expect(recorded.status == 0, "\(recorded.stderr)")
        server.stop()
        var offline = try AdledgerBinary()
        offline.environment["ADLEDGER_NOW"] = "2025-12-08T12:00:00Z"
        try FileManager.default.copyItem(atPath: bin.path("cassette"), toPath: offline.path("cassette"))
        let replayed = try offline.run(["--db", "l.sqlite", "sync", "--timeout", "2", "--account", "act_1001", "--account", "act_1002", "--since", "2025-12-01", "--replay", "cassette"])
        #expect(replayed.status == 0, "\(replayed.stderr)")
        let sql = "SELECT meta_ad_id, date, spend, purchases, revisions FROM meta_ads_performance ORDER BY 1, 2"
        let live = try bin.run(["--db", "live.sqlite", "query", sql, "--format", "csv"]).stdout
        let replay = try offline.run(["--db", "l.sqlite", "query", sql, "--format", "csv"]).stdout
        #expect(live == replay)
        #expect(live.split(separator: "\n").count > 300)
        try checkNoToken(bin, outputs: [recorded])
        // A request the cassette does not hold fails naming it.
        let miss = try offline.run(["--db", "l.sqlite", "sync", "--timeout", "2", "--account", "act_1001", "--since", "2025-11-01", "--replay", "cassette"])
        #expect(miss.status != 0)
        #expect(miss.stderr.contains("insights"))
    }
}
