import MetaGraph
import TestSupport
import Testing

@testable import Sync

/// Several chunks of one account in flight at once, bounded by `concurrency`, sharing one throttle.
@Suite struct ConcurrencyTests {
    /// (concurrency, the most requests the stand-in answers at once): 50 ms per response, three weekly chunks.
    @Test(arguments: [(1, 1), (2, 2), (3, 3), (8, 3)])
    func chunksOfOneAccountOverlapUpToTheBound(concurrency: Int, inFlight: Int) throws {
        let world = try StandInSync()
        world.standIn.setLatency(0.05)
        var request = try world.request(since: "2025-11-17")
        request.concurrency = concurrency
        let summary = try world.run(request, at: "2025-12-08T12:00:00Z")
        #expect(summary.outcome == "ok", "\(summary.accounts.compactMap(\.error))")
        #expect(world.standIn.maxRequestsInFlight == inFlight)
        // No request more than one at a time needs: the account, its campaigns, ad sets, ads and creatives, one
        // page per chunk; the stand-in also answers the one debug_token check after the sync.
        #expect(summary.requests == 5 + 3)
        #expect(world.standIn.requestCount == 5 + 3 + 1)
        #expect(try world.rowsPerDay() == StandInSync.allRows(since: "2025-11-17", until: "2025-12-07"))
    }

    /// A throttling error (usage at 100 %) on one in-flight request: the client that got it waits, and so does
    /// every other client of the account before its next request — three waits, where clients with throttles
    /// of their own would count one. Every row still arrives once.
    @Test func aThrottledRequestPausesTheOthers() throws {
        let world = try StandInSync()
        world.standIn.setLatency(0.02)
        world.standIn.inject(.throttle(code: 80000), on: .nextPage("insights"))
        var request = try world.request(since: "2025-11-17")
        request.concurrency = 3
        request.graph.pageLimit = 2  // 7 pages a chunk: every client has requests left after the throttle
        let summary = try world.run(request, at: "2025-12-08T12:00:00Z")
        #expect(summary.outcome == "ok", "\(summary.accounts.compactMap(\.error))")
        #expect(world.standIn.maxRequestsInFlight == 3)
        #expect(summary.throttleWaits >= 3)
        #expect(summary.requests == 5 + 3 * 7 + 1)
        #expect(try world.rowsPerDay() == StandInSync.allRows(since: "2025-11-17", until: "2025-12-07"))
    }

    /// Once the account object fails for a reason every request would fail for, nothing more is asked.
    @Test(arguments: [
        StandInFault.tokenError(subcode: 463), .permission(code: 200), .badAccount,
    ])
    func anAccountThatCannotBeReadStopsAtOnce(fault: StandInFault) throws {
        let world = try StandInSync()
        world.standIn.inject(fault, on: .request(1))
        var request = try world.request(since: "2025-11-17")
        request.concurrency = 4
        let summary = try world.run(request, at: "2025-12-08T12:00:00Z")
        #expect(summary.outcome == "failed")
        #expect(summary.accounts.first?.error != nil)
        #expect(world.standIn.requestCount == 1)
        #expect(summary.requests == 1)
    }
}
