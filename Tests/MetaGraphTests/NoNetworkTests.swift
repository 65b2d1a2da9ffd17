import Foundation
import MetaGraph
import TestSupport
import Testing

/// No route to Meta: a client's first request that cannot resolve or connect stops at once, naming the host;
/// the same failure after a first answer is retried with bounded backoff.
@Suite struct NoNetworkTests {
    @Test func aRefusedFirstConnectionStopsAtOnceNamingTheHost() throws {
        let port = try LoopbackPort.closed()
        let clock = FakeClock()
        let configuration = try GraphConfiguration(token: "EAAnoNetworkTOKEN42", baseURL: "http://127.0.0.1:\(port)/")
        let client = GraphClient(
            configuration: configuration, transport: try CurlTransport(configuration: configuration), clock: clock)

        let error = try #require(throws: GraphError.self) { try client.fetchAccount("act_123") }

        #expect(error == .unreachable(host: "127.0.0.1:\(port)", curlCode: 7))
        #expect(
            error.description
                == "cannot connect to the Graph API host 127.0.0.1:\(port) (curl 7); check the network connection, "
                + "the proxy (HTTPS_PROXY, ALL_PROXY) and META_GRAPH_BASE_URL")
        #expect(client.counters.requests == 1)
        #expect(client.counters.retries == 0)
        #expect(clock.sleeps.isEmpty)
    }

    @Test(arguments: [
        ("https://graph.facebook.com", "graph.facebook.com"), ("http://127.0.0.1:8080/", "127.0.0.1:8080"),
        ("https://user@proxy.example:443/graph", "proxy.example:443"),
    ])
    func theHostIsHostAndPortOnly(baseURL: String, host: String) throws {
        #expect(try GraphConfiguration(token: "t", baseURL: baseURL).host == host)
    }

    @Test func aConnectionRefusedMidRunIsRetriedWithBackoff() throws {
        let harness = try StandInHarness()
        defer { harness.standIn.stop() }
        let client = try harness.client { $0.maxRetries = 2 }
        let range = try #require(harness.standIn.dataRange(accountId: "act_1001"))

        // The stand-in goes away after the second page: the third request finds nothing listening.
        let error = try #require(throws: GraphError.self) {
            try client.forEachInsightsPage(
                accountId: "act_1001", since: range.since, until: range.until, fields: StandInHarness.fields
            ) { page in
                if page.pageNumber == 2 { harness.standIn.stop() }
            }
        }

        guard case .retriesExhausted(let attempts, let last) = error else {
            Issue.record("unexpected \(error)")
            return
        }
        #expect(attempts == 3)
        #expect(last.hasPrefix("curl 7:"))
        #expect(client.counters.pages == 2)
        #expect(client.counters.requests == 5)
        #expect(client.counters.retries == 2)
        #expect(harness.clock.sleeps.count == 2)
    }

    @Test func aNewClientOfAnAccountAlreadyReachedRetriesInsteadOfStopping() throws {
        let harness = try StandInHarness()
        let configuration = try GraphConfiguration(
            token: StandInHarness.token, baseURL: harness.standIn.baseURL)
        var settings = configuration
        settings.maxRetries = 2
        let shared = SharedThrottle(configuration: settings)
        let first = GraphClient(
            configuration: settings, transport: try CurlTransport(configuration: settings), clock: harness.clock,
            jitter: { 0.5 }, throttle: shared)
        _ = try first.fetchAccount("act_1001")
        harness.standIn.stop()

        // A worker started after the account was reached (several chunks in flight) meets a dropped network.
        let worker = GraphClient(
            configuration: settings, transport: try CurlTransport(configuration: settings), clock: harness.clock,
            jitter: { 0.5 }, throttle: shared)
        let error = try #require(throws: GraphError.self) { try worker.fetchAccount("act_1001") }

        guard case .retriesExhausted(let attempts, let last) = error else {
            Issue.record("a mid-run connection failure stopped as \(error) instead of being retried")
            return
        }
        #expect(attempts == 3)
        #expect(last.hasPrefix("curl 7:"))
        #expect(worker.counters.retries == 2)
    }
}
