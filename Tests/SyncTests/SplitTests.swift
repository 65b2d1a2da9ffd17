import TestSupport
import Testing

@testable import Sync

/// A report job Meta fails is asked for again as two halves, down to single days.
@Suite struct SplitTests {
    /// (jobs failed in a row, the ranges of every job asked for, in order).
    @Test(arguments: [
        (0, ["2025-12-01…2025-12-07"]),
        (1, ["2025-12-01…2025-12-07", "2025-12-01…2025-12-03", "2025-12-04…2025-12-07"]),
        (
            2,
            [
                "2025-12-01…2025-12-07", "2025-12-01…2025-12-03", "2025-12-01…2025-12-01", "2025-12-02…2025-12-03",
                "2025-12-04…2025-12-07",
            ]
        ),
    ])
    func aFailedJobIsAskedForInHalves(failures: Int, jobs: [String]) throws {
        let world = try StandInSync()
        if failures > 0 {
            world.standIn.inject(.asyncJobFails(status: "Job Failed"), on: .post("insights"), times: failures)
        }
        var request = try world.request(since: "2025-12-01")
        request.asyncThresholdDays = 0
        let summary = try world.run(request, at: "2025-12-08T12:00:00Z")
        #expect(summary.outcome == "ok", "\(summary.accounts.compactMap(\.error))")
        #expect(try world.insightRanges("POST") == jobs)
        #expect(try world.insightRanges("GET").isEmpty)
        #expect(try world.rowsPerDay() == StandInSync.allRows(since: "2025-12-01", until: "2025-12-07"))
    }

    /// A single day that fails cannot be split: the account stops, naming the failed job.
    @Test func aFailedSingleDayStopsTheAccount() throws {
        let world = try StandInSync()
        world.standIn.inject(.asyncJobFails(status: "Job Failed"), on: .post("insights"), times: 3)
        var request = try world.request(since: "2025-12-01", until: "2025-12-07")
        request.asyncThresholdDays = 0
        let summary = try world.run(request, at: "2025-12-08T12:00:00Z")
        #expect(summary.outcome == "failed")
        #expect(
            try world.insightRanges("POST") == [
                "2025-12-01…2025-12-07", "2025-12-01…2025-12-03", "2025-12-01…2025-12-01",
            ])
        let error = try #require(summary.accounts.first?.error)
        #expect(error.lowercased().contains("job"), "\(error)")
        #expect(try world.rowsPerDay().isEmpty)
    }
}
