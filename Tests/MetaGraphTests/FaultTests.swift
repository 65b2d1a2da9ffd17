import Foundation
import MetaGraph
import TestSupport
import Testing

@Suite struct FaultTests {
    static let throttlingCodes = [4, 17, 32, 613] + Array(80000...80014)

    @Test(arguments: throttlingCodes)
    func throttlingCodeWaitsOnTheClockAndResumesTheSamePage(code: Int) throws {
        let harness = try StandInHarness()
        defer { harness.standIn.stop() }
        harness.standIn.inject(.throttle(code: code, subcode: code == 80000 ? 2_446_079 : nil), on: .request(2))
        let client = try harness.client { $0.throttleBaseDelay = 45 }

        let pages = try harness.readAllInsights(client)

        #expect(StandInHarness.totals(pages).rows == 35)
        #expect(StandInHarness.totals(pages).spendMinor == harness.expectedSpend().spendMinor)
        let requests = harness.standIn.requests
        #expect(requests.count == 5)  // 4 pages + the throttled attempt
        #expect(requests[1].parameters == requests[2].parameters)  // the same page again
        #expect(harness.log.waits.map(\.reason).contains(.throttledError(code: code)))
        #expect(harness.clock.sleeps.contains(45))
        #expect(harness.log.retries.isEmpty)
        #expect(client.counters.throttleWaits >= 1)
    }

    @Test func regainEstimateIsHonouredAndNoRequestLandsInTheWindow() throws {
        let harness = try StandInHarness()
        defer { harness.standIn.stop() }
        harness.standIn.inject(.throttle(code: 80000, subcode: 2_446_079, regainMinutes: 3), on: .request(2))
        let client = try harness.client()

        let pages = try harness.readAllInsights(client)

        #expect(StandInHarness.totals(pages).rows == 35)
        #expect(harness.clock.sleeps.contains(180))
        #expect(harness.standIn.requestsDuringThrottleWindow == 0)
        #expect(harness.standIn.requestCount == 5)
    }

    @Test func throttlingWithoutEndGivesUpAfterTheConfiguredWaits() throws {
        let harness = try StandInHarness()
        defer { harness.standIn.stop() }
        harness.standIn.inject(.throttle(code: 17), on: .any, times: 100)
        let client = try harness.client {
            $0.maxThrottleRetries = 3
            $0.throttleBaseDelay = 10
            $0.throttleMaxDelay = 30
        }
        let error = try #require(throws: GraphError.self) { try client.fetchAccount("act_1001") }
        guard case .throttledTooLong(let attempts, let detail) = error else {
            Issue.record("unexpected \(error)")
            return
        }
        #expect(attempts == 4)
        #expect(detail?.code == 17)
        #expect(harness.standIn.requestCount == 4)
        let errorWaits = harness.log.waits.filter { $0.reason == .throttledError(code: 17) }.map(\.seconds)
        #expect(errorWaits == [10, 20, 30])  // doubling, capped at throttleMaxDelay
    }

    @Test(arguments: [500, 503])
    func serverErrorsAreRetriedWithBackoff(status: Int) throws {
        let harness = try StandInHarness()
        defer { harness.standIn.stop() }
        harness.standIn.inject(.serverError(status: status), on: .nextPage("/insights"), times: 2)
        let client = try harness.client { $0.retryBaseDelay = 2 }

        let pages = try harness.readAllInsights(client)

        #expect(StandInHarness.totals(pages).rows == 35)
        #expect(harness.log.retries.map(\.attempt) == [1, 2])
        #expect(harness.log.retries.map(\.delay) == [1.5, 3])  // 2·2^(n−1) · (0.5 + 0.5·0.5)
        #expect(client.counters.retries == 2)
        #expect(harness.standIn.requestCount == 6)
    }

    @Test func transientFailuresAreBoundedByMaxRetries() throws {
        let harness = try StandInHarness()
        defer { harness.standIn.stop() }
        harness.standIn.inject(.serverError(status: 503), on: .any, times: 50)
        let client = try harness.client { $0.maxRetries = 3 }

        let error = try #require(throws: GraphError.self) { try harness.readAllInsights(client) }

        guard case .retriesExhausted(let attempts, let last) = error else {
            Issue.record("unexpected \(error)")
            return
        }
        #expect(attempts == 4)
        #expect(last.contains("503"))
        #expect(harness.standIn.requestCount == 4)
        #expect(!error.description.contains(StandInHarness.token))
    }

    @Test func aHangPastTheTimeoutIsRetried() throws {
        let harness = try StandInHarness()
        defer { harness.standIn.stop() }
        harness.standIn.inject(.hang(seconds: 5), on: .request(2))
        let client = try harness.client { $0.requestTimeout = 1 }
        let started = Date()

        let pages = try harness.readAllInsights(client)

        #expect(StandInHarness.totals(pages).rows == 35)
        #expect(Date().timeIntervalSince(started) < 4)
        let retry = try #require(harness.log.retries.first)
        #expect(retry.reason.hasPrefix("curl 28"))
        #expect(!retry.reason.contains(StandInHarness.token))
    }

    @Test func aConnectionResetIsRetried() throws {
        let harness = try StandInHarness()
        defer { harness.standIn.stop() }
        harness.standIn.inject(.connectionReset, on: .request(3))
        let client = try harness.client()

        let pages = try harness.readAllInsights(client)

        #expect(StandInHarness.totals(pages).rows == 35)
        #expect(StandInHarness.totals(pages).adDays.count == 35)
        let retry = try #require(harness.log.retries.first)
        #expect(retry.reason.hasPrefix("curl 56") || retry.reason.hasPrefix("curl 52"))
    }

    @Test func aTruncatedBodyIsRetried() throws {
        let harness = try StandInHarness()
        defer { harness.standIn.stop() }
        harness.standIn.inject(.truncatedBody, on: .request(2))
        let client = try harness.client()

        let pages = try harness.readAllInsights(client)

        #expect(StandInHarness.totals(pages).rows == 35)
        #expect(harness.log.retries.first?.reason.hasPrefix("curl 18") == true)
    }

    @Test func htmlInsteadOfJSONIsRetried() throws {
        let harness = try StandInHarness()
        defer { harness.standIn.stop() }
        harness.standIn.inject(.html, on: .request(1))
        let client = try harness.client()

        let pages = try harness.readAllInsights(client)

        #expect(StandInHarness.totals(pages).rows == 35)
        #expect(harness.log.retries.first?.reason == "HTTP 200 with a body that is not a JSON object")
    }

    @Test func usageNearTheLimitSlowsRequestsDown() throws {
        let harness = try StandInHarness()
        defer { harness.standIn.stop() }
        harness.standIn.setUsage(StandInUsage(app: 90))
        let client = try harness.client {
            $0.slowdownThreshold = 75
            $0.slowdownMaxDelay = 40
        }

        _ = try harness.readAllInsights(client)

        // After each of the first three responses (90 %), the next request waits 40 · (90 − 75) / 25 = 24 s.
        let usageWaits = harness.log.waits.filter { if case .usage = $0.reason { true } else { false } }
        #expect(usageWaits.count == 3)
        #expect(usageWaits.allSatisfy { abs($0.seconds - 24) < 0.001 })
    }

    @Test func theRequestsPerMinuteCeilingIsAnUpperBound() throws {
        let harness = try StandInHarness(accounts: [StandInAccount(id: "1001", name: "Shop", adCount: 7, dayCount: 10)])
        defer { harness.standIn.stop() }
        let client = try harness.client {
            $0.rateLimitPerMinute = 3
            $0.pageLimit = 10
        }

        let pages = try harness.readAllInsights(client)

        #expect(pages.count == 7)
        let ceilingWaits = harness.log.waits.filter { $0.reason == .rateLimit(perMinute: 3) }
        #expect(ceilingWaits.count == 2)
        #expect(ceilingWaits.allSatisfy { abs($0.seconds - 60) < 0.001 })
    }
}
