import Foundation
import TestSupport
import Testing

/// `adledger brand link` checks the account with Meta (the loopback stand-in) before linking it.
@Suite struct BrandLinkCommandTests {
    static let token = "EAAlinkTOKENsecret0987654321"
    /// 2025-12-08T12:00:00Z, the frozen clock of these tests.
    static let now = 1_765_195_200

    func standIn() throws -> GraphStandIn {
        let server = GraphStandIn(
            token: Self.token,
            accounts: [
                StandInAccount(id: "1001", name: "Wild Pines US", currency: "USD", timezoneName: "America/Los_Angeles")
            ])
        try server.start()
        return server
    }

    /// A binary with the token and the stand-in's address in its environment, and an initialised ledger.
    func binary(_ server: GraphStandIn, token: String? = Self.token) throws -> AdledgerBinary {
        var bin = try AdledgerBinary()
        bin.environment["META_GRAPH_BASE_URL"] = server.baseURL
        bin.environment["ADLEDGER_NOW"] = "2025-12-08T12:00:00Z"
        bin.environment["META_GRAPH_API_TOKEN"] = token
        try #require(try bin.run(["--db", "l.sqlite", "init"]).status == 0)
        return bin
    }

    func csv(_ bin: AdledgerBinary, _ sql: String) throws -> String {
        try bin.run(["--db", "l.sqlite", "query", sql, "--format", "csv"]).stdout
    }

    @Test func linkReadsTheAccountAndProbesInsights() throws {
        let server = try standIn()
        defer { server.stop() }
        let bin = try binary(server)

        let result = try bin.run(["--db", "l.sqlite", "brand", "link", "WP", "1001"])

        #expect(result.status == 0)
        #expect(result.stdout == "linked WP → act_1001 (primary): Wild Pines US, USD, America/Los_Angeles\n")
        #expect(result.stderr == "")
        #expect(
            try csv(bin, "SELECT id, name, currency, timezone_name FROM meta_ad_accounts")
                == "id,name,currency,timezone_name\nact_1001,Wild Pines US,USD,America/Los_Angeles\n")
        #expect(
            try csv(bin, "SELECT brand_id, meta_ad_account_id, account_name FROM brand_ad_accounts")
                == "brand_id,meta_ad_account_id,account_name\nWP,act_1001,Wild Pines US\n")
        #expect(try csv(bin, "SELECT count(*) AS n FROM events WHERE kind = 'account.fetched'") == "n\n1\n")
        // The account object, one account-level insights row for a recent day, then the token's expiry.
        let requests = server.requests
        #expect(requests.map(\.path) == ["/v23.0/act_1001", "/v23.0/act_1001/insights", "/v23.0/debug_token"])
        #expect(requests[1].parameters["level"] == "account")
        #expect(requests[1].parameters["limit"] == "1")
        #expect(requests[1].parameters["date_preset"] == "yesterday")
        #expect(requests.allSatisfy { $0.tokenCount == 1 && !$0.parameters.values.contains(Self.token) })
    }

    @Test func aGivenNameWinsOverMetasName() throws {
        let server = try standIn()
        defer { server.stop() }
        let bin = try binary(server)

        let result = try bin.run([
            "--db", "l.sqlite", "brand", "link", "WP", "act_1001", "--name", "Pines", "--secondary",
        ])

        #expect(result.stdout == "linked WP → act_1001 (secondary): Pines, USD, America/Los_Angeles\n")
        #expect(try csv(bin, "SELECT account_name FROM brand_ad_accounts") == "account_name\nPines\n")
        #expect(try csv(bin, "SELECT name FROM meta_ad_accounts") == "name\nWild Pines US\n")
    }

    /// Each refusal: one line naming the reason and the fix, exit 1, nothing linked, the token nowhere.
    @Test(
        arguments: [
            (
                "acct-12", nil, nil,
                "cannot link acct-12: invalid format; write the id as act_<digits>, as Ads Manager shows it"
            ),
            (
                "act_999", nil, nil,
                "cannot link act_999: not found (code 100, HTTP 400, fbtrace_id AStandInTrace100: (#100) Invalid ad "
                    + "account id); check the account id in Ads Manager or Business settings"
            ),
            (
                "act_1001", StandInFault.permission(code: 200), "act_1001",
                "cannot link act_1001: no access (code 200, HTTP 403, fbtrace_id AStandInTrace200: (#200) Requires "
                    + "ads_read permission to manage the object); grant the token's user or system user ads_read on the "
                    + "account in Business Manager"
            ),
            (
                "act_1001", StandInFault.permission(code: 10), "/insights",
                "cannot link act_1001: no access (insights cannot be read: code 10, HTTP 400, fbtrace_id "
                    + "AStandInTrace10: (#10) Requires ads_read permission to manage the object); grant the token's user "
                    + "or system user ads_read on the account in Business Manager"
            ),
            (
                "act_1001", StandInFault.throttle(code: 80004), "act_1001",
                "cannot link act_1001: rate limited (code 80004, HTTP 400, fbtrace_id AStandInTrace80004: (#80004) "
                    + "There have been too many calls from this ad-account. Wait a bit and try again.); wait a few "
                    + "minutes, then run brand link again"
            ),
            (
                "act_1001", StandInFault.tokenError(subcode: 463), "act_1001",
                "cannot link act_1001: token expired (code 190/463, HTTP 400, fbtrace_id AStandInTrace190: Error "
                    + "validating access token: Session has expired); get a new token (Graph API Explorer or a system "
                    + "user) and set META_GRAPH_API_TOKEN"
            ),
        ] as [(String, StandInFault?, String?, String)])
    func refusalsNameTheReasonAndTheFix(account: String, fault: StandInFault?, on path: String?, message: String)
        throws
    {
        let server = try standIn()
        defer { server.stop() }
        if let fault, let path { server.inject(fault, on: .path(path)) }
        let bin = try binary(server)

        let result = try bin.run(["--db", "l.sqlite", "brand", "link", "WP", account])

        #expect(result.status == 1)
        #expect(result.stderr == "Error: \(message)\n")
        #expect(result.stdout == "")
        #expect(try csv(bin, "SELECT count(*) AS n FROM brand_ad_accounts") == "n\n0\n")
        #expect(try csv(bin, "SELECT count(*) AS n FROM events WHERE kind = 'account.fetched'") == "n\n0\n")
        #expect(!result.stderr.contains(Self.token))
        if account == "acct-12" { #expect(server.requestCount == 0) }
    }

    @Test func aTokenMetaRejectsIsRefusedAsInvalid() throws {
        let server = try standIn()
        defer { server.stop() }
        let bin = try binary(server, token: "EAAwrongTOKEN123")

        let result = try bin.run(["--db", "l.sqlite", "brand", "link", "WP", "act_1001"])

        #expect(result.status == 1)
        #expect(
            result.stderr
                == "Error: cannot link act_1001: token invalid (code 190, HTTP 400, fbtrace_id AStandInTrace190: "
                + "Invalid OAuth access token data.); get a new token (Graph API Explorer or a system user) and set "
                + "META_GRAPH_API_TOKEN\n")
        #expect(server.requestCount == 1)
        #expect(try csv(bin, "SELECT count(*) AS n FROM brand_ad_accounts") == "n\n0\n")
    }

    @Test func withoutATokenItLinksWithoutAskingMeta() throws {
        let server = try standIn()
        defer { server.stop() }
        let bin = try binary(server, token: nil)

        let result = try bin.run(["--db", "l.sqlite", "brand", "link", "WP", "act_1001"])

        #expect(result.status == 0)
        #expect(result.stdout == "linked WP → act_1001 (primary)\n")
        #expect(
            result.stderr
                == "note: linked without asking Meta (META_GRAPH_API_TOKEN is not set); the account is not checked\n")
        #expect(server.requestCount == 0)
        #expect(try csv(bin, "SELECT count(*) AS n FROM meta_ad_accounts") == "n\n0\n")
        #expect(try csv(bin, "SELECT meta_ad_account_id FROM brand_ad_accounts") == "meta_ad_account_id\nact_1001\n")
    }

    @Test func offlineMakesNoRequestEvenWithAToken() throws {
        let server = try standIn()
        defer { server.stop() }
        let bin = try binary(server)

        let result = try bin.run(["--db", "l.sqlite", "brand", "link", "WP", "act_999", "--offline"])

        #expect(result.status == 0)
        #expect(result.stdout == "linked WP → act_999 (primary)\n")
        #expect(result.stderr == "note: linked without asking Meta (--offline); the account is not checked\n")
        #expect(server.requestCount == 0)
    }

    /// `debug_token` says the token expires in two days: link and sync warn on stderr, without the token.
    @Test func aTokenThatExpiresSoonIsWarnedAbout() throws {
        let server = try standIn()
        defer { server.stop() }
        server.setTokenExpiry(expiresAt: Self.now + 2 * 86_400, dataAccessExpiresAt: Self.now + 60 * 86_400)
        let bin = try binary(server)
        let warning =
            "warning: Meta reports that the access token expires at 2025-12-10 12:00 UTC (in 2 days); get a new "
            + "long-lived or system-user token and set META_GRAPH_API_TOKEN before then\n"

        let link = try bin.run(["--db", "l.sqlite", "brand", "link", "WP", "act_1001"])
        #expect(link.status == 0)
        #expect(link.stderr == warning)

        let sync = try bin.run(
            ["--db", "l.sqlite", "sync", "--brand", "WP", "--since", "2025-12-01", "--until", "2025-12-07", "--json"],
            extraEnvironment: ["ADLEDGER_INSTANT_WAITS": "1"])
        #expect(sync.status == 0, "\(sync.stderr)")
        #expect(sync.stderr == warning)
        let summary = try #require(try JSONSerialization.jsonObject(with: Data(sync.stdout.utf8)) as? [String: Any])
        #expect(summary["warnings"] as? [String] == [String(warning.dropFirst("warning: ".count).dropLast())])
        #expect(!sync.stdout.contains(Self.token) && !sync.stderr.contains(Self.token))

        // A month away: nothing to say.
        server.setTokenExpiry(expiresAt: Self.now + 30 * 86_400)
        let later = try bin.run(["--db", "l.sqlite", "brand", "link", "WP", "act_1001"])
        #expect(later.status == 0)
        #expect(later.stderr == "")
    }

    /// No route to Meta: `sync` stops in seconds after one request, naming host and port, not the URL.
    @Test func syncWithNoRouteToMetaStopsInSeconds() throws {
        let port = try LoopbackPort.closed()
        var bin = try AdledgerBinary()
        bin.environment["META_GRAPH_API_TOKEN"] = Self.token
        bin.environment["META_GRAPH_BASE_URL"] = "http://127.0.0.1:\(port)"
        let started = Date()

        let result = try bin.run(["--db", "l.sqlite", "sync", "--account", "act_123", "--json"])

        #expect(Date().timeIntervalSince(started) < 10)
        #expect(result.status == 4)  // a stopping error (exit codes: README, "Unattended syncs")
        let summary = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(summary["requests"] as? Int == 1)
        #expect(summary["retries"] as? Int == 0)
        #expect(
            result.stderr
                == "Error: act_123: cannot connect to the Graph API host 127.0.0.1:\(port) (curl 7); check the network "
                + "connection, the proxy (HTTPS_PROXY, ALL_PROXY) and META_GRAPH_BASE_URL — rows fetched before the "
                + "failure are kept; run the same sync again to resume\n")
        #expect(!result.stderr.contains("/v23.0") && !result.stderr.contains(Self.token))
    }
}
