import Foundation
import MetaGraph
import Testing

@Suite struct RedactionTests {
    @Test(arguments: [
        (
            "https://graph.facebook.com/v23.0/act_1/insights?access_token=EAAB123&limit=25&after=MjQZD",
            "https://graph.facebook.com/v23.0/act_1/insights?limit=25&after=MjQZD"
        ),
        ("https://h/v23.0/x?limit=25&access_token=EAAB123", "https://h/v23.0/x?limit=25"),
        ("https://h/v23.0/x?limit=25&access_token=EAAB123&after=X", "https://h/v23.0/x?limit=25&after=X"),
        ("https://h/v23.0/x?access_token=EAAB123", "https://h/v23.0/x"),
        (
            #"{"next":"https:\/\/h\/v23.0\/x?access_token=EAAB123&limit=25"}"#,
            #"{"next":"https:\/\/h\/v23.0\/x?limit=25"}"#
        ),
        (#"{"previous":"http://h/x?ACCESS_TOKEN=EAAB123"}"#, #"{"previous":"http://h/x"}"#),
        (
            "u=https%3A%2F%2Fh%2Fx%3Faccess_token%3DEAAB123%26limit%3D5",
            "u=https%3A%2F%2Fh%2Fx%3Faccess_token%3Dlimit%3D5"
        ),
        ("no secrets here", "no secrets here"),
        ("a?access_token=1&access_token=2&b=3", "a?b=3"),
    ])
    func redactRemovesTheTokenParameter(input: String, expected: String) {
        let output = redact(input)
        #expect(!output.contains("EAAB123"))
        if !input.contains("%3D") { #expect(output == expected) }
    }

    @Test func theConfigurationNeverShowsItsToken() throws {
        let configuration = try GraphConfiguration(token: "EAAsecretTOKEN")
        var dumped = ""
        dump(configuration, to: &dumped)
        for text in [
            configuration.description, configuration.debugDescription, String(reflecting: configuration), dumped,
        ] {
            #expect(!text.contains("EAAsecretTOKEN"))
        }
    }

    @Test func aPagingRequestIsDescribedWithoutItsURL() throws {
        let transport = ScriptedTransport([
            GraphResponse(
                status: 200, headers: [:],
                body: Data(
                    #"{"data":[{"id":"1"}],"paging":{"next":"https://h/v23.0/act_1/campaigns?access_token=SECRET&limit=1&after=QQ"}}"#
                        .utf8)),
            GraphResponse(status: 200, headers: [:], body: Data(#"{"data":[{"id":"2"}]}"#.utf8)),
        ])
        let log = EventLog()
        let client = GraphClient(
            configuration: try GraphConfiguration(token: "SECRET"), transport: transport, clock: FakeClock(),
            onEvent: { log.record($0) })
        var rows = 0
        try client.forEachCampaignPage(accountId: "1") { rows += $0.rowCount }
        #expect(rows == 2)
        #expect(log.requestDescriptions.count == 2)
        #expect(log.requestDescriptions.allSatisfy { !$0.contains("SECRET") && !$0.contains("access_token") })
        #expect(log.requestDescriptions[1] == "GET /v23.0/act_1/campaigns (paging.next)")
        #expect(transport.requests[1].description == "GET /v23.0/act_1/campaigns (paging.next)")
        #expect(!String(describing: transport.requests[1]).contains("SECRET"))
    }

    @Test func configurationValidatesVersionAndBaseURL() throws {
        #expect(throws: GraphError.self) { try GraphConfiguration(token: "t", apiVersion: "23.0") }
        #expect(throws: GraphError.self) { try GraphConfiguration(token: "t", apiVersion: "v23") }
        #expect(throws: GraphError.self) { try GraphConfiguration(token: "t", apiVersion: "v23.0.1") }
        #expect(throws: GraphError.self) { try GraphConfiguration(token: "t", baseURL: "ftp://x") }
        #expect(throws: GraphError.self) { try GraphConfiguration(token: "t", baseURL: "https://") }
        let configuration = try GraphConfiguration(token: "t", baseURL: "http://127.0.0.1:8080/", apiVersion: "v25.0")
        #expect(configuration.baseURL == "http://127.0.0.1:8080")
        #expect(configuration.apiVersion == "v25.0")
        let defaults = try GraphConfiguration(token: "t")
        #expect(defaults.baseURL == "https://graph.facebook.com")
        #expect(defaults.apiVersion == "v23.0")
        #expect(defaults.rateLimitPerMinute == 100)
        #expect(defaults.maxRetries == 5)
        #expect(defaults.pageLimit == 100)
        #expect(defaults.connectTimeout == 10 && defaults.requestTimeout == 120 && defaults.lowSpeedTime == 30)
        #expect(defaults.actionAttributionWindows == ["7d_click", "1d_view"])
    }

    @Test func requestKeysIgnoreOrderAndTheToken() {
        let a = GraphRequest(path: "/v23.0/act_1", parameters: [GraphParameter("b", "2"), GraphParameter("a", "x y")])
        let b = GraphRequest(
            path: "v23.0/act_1",
            parameters: [GraphParameter("a", "x y"), GraphParameter("access_token", "T"), GraphParameter("b", "2")])
        #expect(a.key == b.key)
        #expect(!b.key.contains("access_token"))
        #expect(!b.description.contains("access_token"))
    }
}
