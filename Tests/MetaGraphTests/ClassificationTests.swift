import Foundation
import MetaGraph
import Testing

@Suite struct ClassificationTests {
    @Test(
        arguments: [
            (4, nil, nil, 400, GraphErrorClass.throttled),
            (17, 2_446_079, nil, 400, .throttled),
            (32, nil, nil, 400, .throttled),
            (613, 1_487_742, nil, 400, .throttled),
            (80000, 2_446_079, nil, 400, .throttled),
            (80014, nil, nil, 400, .throttled),
            (80015, nil, nil, 400, .fatal),
            (1, nil, nil, 500, .reduceData),
            (1, 99, nil, 500, .transient),
            (1, 2_853_001, false, 400, .fatal),
            (2, nil, true, 503, .transient),
            (2, 1_504_044, nil, 400, .transient),
            (104, nil, nil, 400, .transient),
            (100, 1_504_018, nil, 400, .reduceData),
            (190, nil, nil, 400, .token),
            (190, 463, nil, 400, .token),
            (190, 460, nil, 400, .token),
            (190, 458, nil, 400, .token),
            (10, nil, nil, 400, .permission),
            (200, nil, nil, 403, .permission),
            (294, nil, nil, 403, .permission),
            (100, 33, nil, 400, .permission),
            (100, nil, nil, 400, .badAccount),
            (3018, nil, nil, 400, .badRange),
            (368, nil, nil, 400, .fatal),
            (12345, nil, nil, 500, .transient),
            (12345, nil, true, 400, .transient),
        ] as [(Int, Int?, Bool?, Int, GraphErrorClass)])
    func metaCodesClassifyByCodeAndSubcode(
        code: Int, subcode: Int?, isTransient: Bool?, status: Int, expected: GraphErrorClass
    ) {
        #expect(
            GraphErrorClass.classify(
                code: code, subcode: subcode, isTransient: isTransient, httpStatus: status, onAccountPath: true)
                == expected)
    }

    @Test func code100AwayFromAnAccountIsNotABadAccount() {
        #expect(
            GraphErrorClass.classify(code: 100, subcode: nil, isTransient: nil, httpStatus: 400, onAccountPath: false)
                == .fatal)
    }

    @Test(arguments: [
        (28, GraphErrorClass.transient), (56, .transient), (52, .transient), (18, .transient), (7, .transient),
        (3, .fatal), (60, .fatal), (1, .fatal),
    ])
    func curlFailuresClassify(code: Int, expected: GraphErrorClass) {
        #expect(GraphErrorClass.classifyNetwork(curlCode: code) == expected)
    }

    @Test func usageHeadersFromTheSamplesParse() throws {
        // graph-samples/headers_usage_values_airbyte.json and headers_batch_subresponses_v23_captured.json
        let usage = GraphUsage(headers: [
            "x-fb-ads-insights-throttle":
                #"{"app_id_util_pct":0.21,"acc_id_util_pct":0,"ads_api_access_tier":"standard_access"}"#,
            "x-app-usage": #"{"call_count": 28, "total_time": 25, "total_cputime": 25}"#,
            "X-Business-Use-Case-Usage":
                #"{"339410370":[{"type":"ads_insights","call_count":1,"total_cputime":1,"total_time":1,"estimated_time_to_regain_access":0,"ads_api_access_tier":"development_access"}]}"#,
            "x-ad-account-usage":
                #"{"acc_id_util_pct":9.67,"reset_time_duration":100,"ads_api_access_tier":"standard_access"}"#,
        ])
        #expect(usage.appCallCount == 28)
        #expect(usage.appTotalTime == 25)
        #expect(usage.insightsAppUtilization == 0.21)
        #expect(usage.insightsAccountUtilization == 0)
        #expect(usage.accountUtilization == 9.67)
        #expect(usage.accountResetSeconds == 100)
        #expect(usage.accessTier == "standard_access")
        #expect(
            usage.businessUseCases == [
                BusinessUseCaseUsage(
                    businessId: "339410370", type: "ads_insights", callCount: 1, totalCPUTime: 1, totalTime: 1,
                    estimatedTimeToRegainAccess: 0)
            ])
        #expect(usage.highestUtilization == 28)
        #expect(usage.regainAccessMinutes == 0)
    }

    @Test func regainAccessIsTheLongestEstimate() {
        let usage = GraphUsage(headers: [
            "x-business-use-case-usage":
                #"{"1":[{"type":"ads_insights","call_count":100,"total_cputime":20,"total_time":20,"estimated_time_to_regain_access":7}],"2":[{"type":"ads_management","call_count":3,"total_cputime":1,"total_time":1,"estimated_time_to_regain_access":12}]}"#
        ])
        #expect(usage.regainAccessMinutes == 12)
        #expect(usage.highestUtilization == 100)
    }

    @Test func malformedOrMissingHeadersAreIgnored() {
        #expect(GraphUsage(headers: [:]).isEmpty)
        #expect(GraphUsage(headers: ["x-app-usage": "not json", "x-ad-account-usage": "[1,2]"]).isEmpty)
    }

    @Test func errorSamplesDecodeToTheRightTypedErrors() throws {
        // Bodies from graph-samples/, served through a scripted transport.
        let samples: [(Int, String, (GraphError) -> Bool)] = [
            (
                400,
                #"{"error":{"message":"Error validating access token: Session has expired on Friday, 18-Aug","type":"OAuthException","code":190,"error_subcode":463}}"#,
                {
                    if case .invalidToken(let d) = $0 {
                        d.subcode == 463 && $0.description.contains("expired")
                    } else {
                        false
                    }
                }
            ),
            (
                403,
                #"{"error":{"code":200,"message":"(#200) Requires business_management permission to manage the object"}}"#,
                { if case .permissionDenied(_, let d) = $0 { d.code == 200 } else { false } }
            ),
            (
                400,
                #"{"error":{"message":"(#3018) The start date of the time range cannot be beyond 37 months from the current date","type":"OAuthException","code":3018,"fbtrace_id":"Ag-P22y80OSEXM4qsGk2T9P"}}"#,
                { if case .badTimeRange(let d) = $0 { d.fbtraceId == "Ag-P22y80OSEXM4qsGk2T9P" } else { false } }
            ),
        ]
        for (status, body, check) in samples {
            let client = GraphClient(
                configuration: try GraphConfiguration(token: "t"),
                transport: ScriptedTransport([GraphResponse(status: status, headers: [:], body: Data(body.utf8))]),
                clock: FakeClock())
            let error = try #require(throws: GraphError.self) { try client.fetchAccount("act_1") }
            #expect(check(error), "\(error)")
        }
    }
}
