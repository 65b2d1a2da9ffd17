import Foundation
import MetaGraph
import TestSupport
import Testing

@Suite struct AsyncJobTests {
    @Test func aJobIsStartedPolledAndReadPageByPage() throws {
        let harness = try StandInHarness(accounts: [StandInAccount(id: "1001", name: "Shop", adCount: 8, dayCount: 6)])
        defer { harness.standIn.stop() }
        harness.standIn.setJobPolls(3)
        let client = try harness.client {
            $0.jobPollInitialDelay = 2
            $0.jobPollMaxDelay = 5
        }
        var pages: [GraphPage] = []

        try client.runInsightsJob(
            accountId: "act_1001", since: "2025-12-01", until: "2025-12-06", fields: StandInHarness.fields
        ) { pages.append($0) }

        #expect(StandInHarness.totals(pages).rows == 48)
        #expect(StandInHarness.totals(pages).spendMinor == harness.expectedSpend().spendMinor)
        let requests = harness.standIn.requests
        let start = try #require(requests.first)
        #expect(start.method == "POST")
        #expect(start.path == "/v23.0/act_1001/insights")
        #expect(start.parameters["time_range"] == #"{"since":"2025-12-01","until":"2025-12-06"}"#)
        #expect(start.parameters["level"] == "ad")
        #expect(start.tokenCount == 1)
        let polls = requests.filter { $0.method == "GET" && !$0.path.hasSuffix("/insights") }
        #expect(polls.count == 4)  // three "Job Running", then "Job Completed"
        #expect(Array(harness.clock.sleeps.prefix(4)) == [2, 4, 5, 5])
        #expect(pages.count == 5)
        #expect(harness.standIn.maxTokenCount == 1)
        let statuses = harness.log.events.compactMap {
            if case .jobStatus(_, let status, _) = $0 { status } else { nil }
        }
        #expect(statuses == ["Job Running", "Job Running", "Job Running", "Job Completed"])
    }

    @Test(arguments: ["Job Failed", "Job Skipped"])
    func aFailedJobAsksTheCallerToSplit(status: String) throws {
        let harness = try StandInHarness()
        defer { harness.standIn.stop() }
        harness.standIn.inject(.asyncJobFails(status: status), on: .post("/insights"))
        let client = try harness.client()

        let error = try #require(throws: GraphError.self) {
            try client.runInsightsJob(accountId: "1001", since: "2025-12-01", until: "2025-12-07", fields: ["spend"]) {
                _ in
            }
        }

        guard case .asyncJobFailed(let id, let reported, _, let code, let subcode) = error else {
            Issue.record("unexpected \(error)")
            return
        }
        #expect(!id.isEmpty)
        #expect(reported == status)
        #expect(code == 2)
        #expect(subcode == 2_490_547)
        #expect(error.suggestsSplittingRange)
        #expect(error.description.contains("split the date range"))
    }

    @Test func aJobThatNeverFinishesTimesOut() throws {
        let harness = try StandInHarness()
        defer { harness.standIn.stop() }
        harness.standIn.setJobPolls(1_000)
        let client = try harness.client {
            $0.jobTimeout = 60
            $0.jobPollMaxDelay = 10
        }
        let error = try #require(throws: GraphError.self) {
            try client.runInsightsJob(accountId: "1001", since: "2025-12-01", until: "2025-12-07", fields: ["spend"]) {
                _ in
            }
        }
        guard case .asyncJobTimedOut = error else {
            Issue.record("unexpected \(error)")
            return
        }
        #expect(error.suggestsSplittingRange)
        #expect(harness.standIn.requestCount < 15)
    }

    @Test func transientFailuresWhilePollingAreRetried() throws {
        let harness = try StandInHarness()
        defer { harness.standIn.stop() }
        harness.standIn.inject(.serverError(status: 503), on: .request(2))
        harness.standIn.inject(.throttle(code: 4), on: .request(4))
        let client = try harness.client()
        var rows = 0
        try client.runInsightsJob(accountId: "1001", since: "2025-12-01", until: "2025-12-07", fields: ["spend"]) {
            rows += $0.rowCount
        }
        #expect(rows == 35)
        #expect(client.counters.retries == 1)
    }
}
