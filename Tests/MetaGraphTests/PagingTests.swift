import Foundation
import JSON
import MetaGraph
import TestSupport
import Testing

@Suite struct PagingTests {
    @Test func insightsFollowNextAcrossPagesAndMatchTheStandInData() throws {
        let harness = try StandInHarness(accounts: [StandInAccount(id: "1001", name: "Shop", adCount: 6, dayCount: 9)])
        defer { harness.standIn.stop() }
        let client = try harness.client()

        let pages = try harness.readAllInsights(client)

        let expected = harness.expectedSpend()
        let totals = StandInHarness.totals(pages)
        #expect(expected.rows == 54)
        #expect(pages.count == 6)  // 54 rows by 10
        #expect(totals.rows == expected.rows)
        #expect(totals.adDays.count == expected.rows)
        #expect(totals.spendMinor == expected.spendMinor)
        #expect(pages.map(\.rowCount).reduce(0, +) == expected.rows)
        #expect(pages.dropLast().allSatisfy { $0.hasNext })
        #expect(pages.last?.hasNext == false)
        #expect(pages.map(\.pageNumber) == Array(1...6))
        #expect(harness.standIn.maxTokenCount == 1)
        #expect(harness.standIn.requestCount == 6)
        #expect(client.counters.pages == 6)
        #expect(client.counters.rows == 54)
    }

    @Test func firstInsightsRequestCarriesEveryParameter() throws {
        let harness = try StandInHarness()
        defer { harness.standIn.stop() }
        let client = try harness.client()
        _ = try harness.readAllInsights(client)

        let first = try #require(harness.standIn.requests.first)
        #expect(first.path == "/v23.0/act_1001/insights")
        #expect(first.parameters["level"] == "ad")
        #expect(first.parameters["time_increment"] == "1")
        #expect(first.parameters["time_range"] == #"{"since":"2025-12-01","until":"2025-12-07"}"#)
        #expect(first.parameters["limit"] == "10")
        #expect(first.parameters["fields"] == StandInHarness.fields.joined(separator: ","))
        #expect(first.parameters["action_attribution_windows"] == #"["7d_click","1d_view"]"#)
        let filtering = try #require(first.parameters["filtering"])
        #expect(filtering.hasPrefix(#"[{"field":"ad.effective_status","operator":"IN","value":["#))
        for status in GraphConfiguration.allAdEffectiveStatuses {
            #expect(filtering.contains("\"\(status)\""))
        }
        // Followed pages carry the cursor and the token exactly once.
        #expect(harness.standIn.requests.dropFirst().allSatisfy { $0.parameters["after"] != nil && $0.tokenCount == 1 })
    }

    @Test func aShortPageWithNextIsNotTheEnd() throws {
        let harness = try StandInHarness()
        defer { harness.standIn.stop() }
        harness.standIn.inject(.emptyPageWithNext, on: .nextPage("/insights"))
        let client = try harness.client()

        let pages = try harness.readAllInsights(client)

        #expect(pages.contains { $0.rowCount == 0 && $0.hasNext })
        #expect(StandInHarness.totals(pages).rows == 35)
        #expect(StandInHarness.totals(pages).spendMinor == harness.expectedSpend().spendMinor)
    }

    @Test func timeRangeLimitsTheRows() throws {
        let harness = try StandInHarness()
        defer { harness.standIn.stop() }
        let client = try harness.client()
        var pages: [GraphPage] = []
        try client.forEachInsightsPage(
            accountId: "1001", since: "2025-12-03", until: "2025-12-04", fields: StandInHarness.fields
        ) { pages.append($0) }
        #expect(StandInHarness.totals(pages).rows == 10)
        let expected = harness.standIn.insightRows(accountId: "1001", since: "2025-12-03", until: "2025-12-04")
        #expect(StandInHarness.totals(pages).spendMinor == expected.reduce(0) { $0 + $1.spendMinor })
    }

    @Test func campaignsAndAccountAreFetched() throws {
        let harness = try StandInHarness(
            accounts: [
                StandInAccount(id: "1001", name: "Shop", currency: "JPY", timezoneName: "Asia/Tokyo", campaignCount: 23)
            ])
        defer { harness.standIn.stop() }
        let client = try harness.client()

        let account = try client.fetchAccount("act_1001")
        #expect(account["currency"] == .string("JPY"))
        #expect(account["timezone_name"] == .string("Asia/Tokyo"))
        #expect(
            harness.standIn.requests.first?.parameters["fields"] == GraphClient.accountFields.joined(separator: ","))

        var campaigns = 0
        var pages = 0
        try client.forEachCampaignPage(accountId: "act_1001") { page in
            campaigns += page.rowCount
            pages += 1
        }
        #expect(campaigns == 23)
        #expect(pages == 3)
        let listing = try #require(harness.standIn.requests.first { $0.path.hasSuffix("/campaigns") })
        #expect(listing.parameters["filtering"]?.contains("\"DELETED\"") == true)
        #expect(listing.parameters["fields"]?.contains("effective_status") == true)
    }

    @Test func reduceDataHalvesTheLimitAndKeepsEveryRow() throws {
        let harness = try StandInHarness(accounts: [StandInAccount(id: "1001", name: "Shop", adCount: 10, dayCount: 5)])
        defer { harness.standIn.stop() }
        harness.standIn.setReduceDataThreshold(12)
        let client = try harness.client { $0.pageLimit = 50 }

        let pages = try harness.readAllInsights(client)

        #expect(StandInHarness.totals(pages).rows == 50)
        #expect(StandInHarness.totals(pages).spendMinor == harness.expectedSpend().spendMinor)
        #expect(pages.allSatisfy { $0.limit == 12 })
        let reductions = harness.log.events.filter { if case .limitReduced = $0 { true } else { false } }
        #expect(reductions == [.limitReduced(from: 50, to: 25), .limitReduced(from: 25, to: 12)])
        #expect(harness.log.retries.isEmpty)
    }

    @Test func reduceDataBelowTheFloorAsksTheCallerToSplit() throws {
        let harness = try StandInHarness()
        defer { harness.standIn.stop() }
        harness.standIn.setReduceDataThreshold(3)
        let client = try harness.client {
            $0.pageLimit = 40
            $0.minimumPageLimit = 10
        }
        let error = try #require(throws: GraphError.self) { try harness.readAllInsights(client) }
        guard case .reduceDataAtMinimumLimit(let limit, let detail) = error else {
            Issue.record("unexpected \(error)")
            return
        }
        #expect(limit == 10)
        #expect(detail?.code == 1)
        #expect(error.suggestsSplittingRange)
        #expect(error.description.contains("split the date range"))
        #expect(harness.standIn.requestCount == 3)  // 40, 20, 10
    }

    @Test func reduceDataOnALaterPageRewritesOnlyTheLimitOfTheNextURL() throws {
        let harness = try StandInHarness()
        defer { harness.standIn.stop() }
        harness.standIn.inject(.reduceData, on: .nextPage("/insights"))
        let client = try harness.client { $0.pageLimit = 20 }

        let pages = try harness.readAllInsights(client)

        #expect(StandInHarness.totals(pages).rows == 35)
        #expect(StandInHarness.totals(pages).adDays.count == 35)
        #expect(harness.standIn.maxTokenCount == 1)
        let retried = harness.standIn.requests[2]
        #expect(retried.parameters["limit"] == "10")
        #expect(retried.parameters["after"] == harness.standIn.requests[1].parameters["after"])
    }

    @Test func oneConnectionIsReusedForEveryPage() throws {
        let harness = try StandInHarness()
        defer { harness.standIn.stop() }
        let client = try harness.client()
        _ = try client.fetchAccount("1001")
        _ = try harness.readAllInsights(client)
        #expect(harness.standIn.requestCount == 5)
        #expect(harness.standIn.connectionCount == 1)
    }

    @Test func aLargeJobFormIsPostedWithoutWaitingForContinue() throws {
        let harness = try StandInHarness()
        defer { harness.standIn.stop() }
        let client = try harness.client()
        let fields = (1...120).map { "field_number_\($0)" } + StandInHarness.fields
        let started = Date()
        var rows = 0
        try client.runInsightsJob(accountId: "1001", since: "2025-12-01", until: "2025-12-07", fields: fields) {
            rows += $0.rowCount
        }
        #expect(rows == 35)
        #expect(Date().timeIntervalSince(started) < 0.9)
        let post = try #require(harness.standIn.requests.first)
        #expect(post.parameters["fields"] == fields.joined(separator: ","))
        #expect(post.tokenCount == 1)
    }
}
