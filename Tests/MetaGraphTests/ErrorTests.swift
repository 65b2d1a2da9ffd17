import Foundation
import MetaGraph
import TestSupport
import Testing

@Suite struct ErrorTests {
    @Test func aMissingTokenNamesTheVariable() throws {
        let configuration = try GraphConfiguration(token: "")
        let error = try #require(throws: GraphError.self) { try CurlTransport(configuration: configuration) }
        #expect(error == .missingToken)
        #expect(error.description.contains("META_GRAPH_API_TOKEN"))
    }

    @Test func aWrongTokenIsCode190() throws {
        let harness = try StandInHarness()
        defer { harness.standIn.stop() }
        let client = try harness.client(token: "EAAwrongTOKEN999")

        let error = try #require(throws: GraphError.self) { try client.fetchAccount("act_1001") }

        guard case .invalidToken(let detail) = error else {
            Issue.record("unexpected \(error)")
            return
        }
        #expect(detail.code == 190)
        #expect(error.description.contains("META_GRAPH_API_TOKEN"))
        #expect(!error.description.contains("EAAwrongTOKEN999"))
        #expect(harness.standIn.requestCount == 1)
    }

    @Test(arguments: [(463, "expired"), (460, "password change"), (458, "not authorized"), (467, "invalid")])
    func tokenErrorsStopWithTheFix(subcode: Int, wording: String) throws {
        let harness = try StandInHarness()
        defer { harness.standIn.stop() }
        harness.standIn.inject(.tokenError(subcode: subcode), on: .nextPage("/insights"))
        let client = try harness.client()
        var pagesBefore = 0

        let error = try #require(throws: GraphError.self) {
            try client.forEachInsightsPage(
                accountId: "act_1001", since: "2025-12-01", until: "2025-12-07", fields: ["spend"]
            ) { _ in pagesBefore += 1 }
        }

        guard case .invalidToken(let detail) = error else {
            Issue.record("unexpected \(error)")
            return
        }
        #expect(detail.subcode == subcode)
        #expect(pagesBefore == 1)  // what was fetched before the failure was delivered
        #expect(error.description.contains(wording))
        #expect(error.description.contains("Graph API Explorer"))
        #expect(error.description.contains("META_GRAPH_API_TOKEN"))
        #expect(!error.description.contains(StandInHarness.token))
        #expect(!error.description.contains("\n"))
        #expect(harness.standIn.requestCount == 2)  // never retried
    }

    @Test(arguments: [(200, 403), (10, 400)])
    func permissionErrorsNameAdsRead(code: Int, status: Int) throws {
        let harness = try StandInHarness()
        defer { harness.standIn.stop() }
        harness.standIn.inject(.permission(code: code), on: .path("/insights"))
        let client = try harness.client()

        let error = try #require(throws: GraphError.self) { try harness.readAllInsights(client) }

        guard case .permissionDenied(let account, let detail) = error else {
            Issue.record("unexpected \(error)")
            return
        }
        #expect(account == "act_1001")
        #expect(detail.code == code)
        #expect(detail.httpStatus == status)
        #expect(detail.fbtraceId == "AStandInTrace\(code)")
        #expect(error.description.contains("ads_read"))
        #expect(harness.standIn.requestCount == 1)
    }

    @Test func unsupportedGetOnAnAccountIsAPermissionProblem() throws {
        let harness = try StandInHarness()
        defer { harness.standIn.stop() }
        harness.standIn.inject(.permission(code: 100, subcode: 33))
        let client = try harness.client()
        let error = try #require(throws: GraphError.self) { try client.fetchAccount("act_1001") }
        guard case .permissionDenied(_, let detail) = error else {
            Issue.record("unexpected \(error)")
            return
        }
        #expect(detail.subcode == 33)
    }

    @Test func anUnknownAccountIsABadAccountId() throws {
        let harness = try StandInHarness()
        defer { harness.standIn.stop() }
        let client = try harness.client()

        let error = try #require(throws: GraphError.self) { try client.fetchAccount("act_999") }

        guard case .invalidAccountId(let account, let detail) = error else {
            Issue.record("unexpected \(error)")
            return
        }
        #expect(account == "act_999")
        #expect(detail?.code == 100)
        #expect(error.description.contains("act_<digits>"))
    }

    @Test func aBadAccountFaultOnInsightsIsABadAccountId() throws {
        let harness = try StandInHarness()
        defer { harness.standIn.stop() }
        harness.standIn.inject(.badAccount)
        let client = try harness.client()
        let error = try #require(throws: GraphError.self) { try harness.readAllInsights(client) }
        guard case .invalidAccountId = error else {
            Issue.record("unexpected \(error)")
            return
        }
    }

    @Test(arguments: ["act_", "act_12x", "12 34", "", "act_1/../me"])
    func malformedAccountIdsFailBeforeAnyRequest(accountId: String) throws {
        let harness = try StandInHarness()
        defer { harness.standIn.stop() }
        let client = try harness.client()
        let error = try #require(throws: GraphError.self) { try client.fetchAccount(accountId) }
        guard case .invalidAccountId = error else {
            Issue.record("unexpected \(error)")
            return
        }
        #expect(harness.standIn.requestCount == 0)
    }

    @Test func aTimeRangeBeyond37MonthsIsABadRange() throws {
        let harness = try StandInHarness()
        defer { harness.standIn.stop() }
        harness.standIn.inject(.badTimeRange)
        let client = try harness.client()
        let error = try #require(throws: GraphError.self) { try harness.readAllInsights(client) }
        guard case .badTimeRange(let detail) = error else {
            Issue.record("unexpected \(error)")
            return
        }
        #expect(detail.code == 3018)
        #expect(error.description.contains("37 months"))
    }

    @Test func invalidArgumentsAreRejectedLocally() throws {
        let harness = try StandInHarness()
        defer { harness.standIn.stop() }
        let client = try harness.client()
        #expect(throws: GraphError.self) {
            try client.forEachInsightsPage(accountId: "1001", since: "2025-13", until: "2025-12-01", fields: ["spend"])
            { _ in }
        }
        #expect(throws: GraphError.self) {
            try client.forEachInsightsPage(
                accountId: "1001", since: "2025-12-09", until: "2025-12-01", fields: ["spend"]
            ) { _ in }
        }
        #expect(harness.standIn.requestCount == 0)
    }

    @Test func callerErrorsStopPagingAndPassThrough() throws {
        struct Stop: Error {}
        let harness = try StandInHarness()
        defer { harness.standIn.stop() }
        let client = try harness.client()
        #expect(throws: Stop.self) {
            try client.forEachInsightsPage(
                accountId: "1001", since: "2025-12-01", until: "2025-12-07", fields: ["spend"]
            ) { _ in
                throw Stop()
            }
        }
        #expect(harness.standIn.requestCount == 1)
    }
}
