import Ledger
import TestSupport
import Testing

@testable import Sync

/// What an earlier run of the same sync left in the ledger.
enum EarlierRun: Sendable {
    /// Killed at 2025-12-08T12:00:00Z after planning `account since…until` over 2025-11-17…2025-12-07 and
    /// completing these chunks (`account since…until`).
    case killed(plan: String = "act_1001", [String])
    /// Finished, from 2025-11-17, at 2025-12-08T12:00:00Z.
    case finished
    /// Stopped by a token error on its 7th request (the second chunk, after the account, campaigns, ad sets,
    /// ads and creatives), at 2025-12-08T12:00:00Z.
    case stopped
}

/// One row of the resume table: an earlier run, then a sync of act_1001 to 2025-12-07 in 7-day chunks.
struct ResumeCase: Sendable, CustomTestStringConvertible {
    var name: String
    var earlier: EarlierRun
    var rerunAt = "2025-12-08T13:00:00Z"
    var since = "2025-11-17"
    var skipped: Int
    /// The ranges the re-run read from Meta, in order.
    var fetched: [String]

    var testDescription: String { name }
}

/// Which chunks a re-run skips: those of the latest plan of the same command, for the same account, that a
/// chunk completed after that plan started covers, whatever the plan's age within Meta's 37 months.
@Suite struct ResumeTests {
    static let killedTwo = EarlierRun.killed(["act_1001 2025-11-17…2025-11-23", "act_1001 2025-11-24…2025-11-30"])
    static let allThree = ["2025-11-17…2025-11-23", "2025-11-24…2025-11-30", "2025-12-01…2025-12-07"]

    static let cases: [ResumeCase] = [
        ResumeCase(
            name: "an hour after a killed run: its chunks are skipped", earlier: killedTwo, skipped: 2,
            fetched: ["2025-12-01…2025-12-07"]),
        ResumeCase(
            name: "a month after: still skipped", earlier: killedTwo, rerunAt: "2026-01-08T12:00:00Z", skipped: 2,
            fetched: ["2025-12-01…2025-12-07"]),
        ResumeCase(
            name: "a plan past Meta's 37 months is not resumed", earlier: killedTwo, rerunAt: "2029-01-01T12:00:00Z",
            skipped: 0, fetched: allThree),
        ResumeCase(name: "a finished plan is read again", earlier: .finished, skipped: 0, fetched: allThree),
        ResumeCase(
            name: "a run an error stopped is resumed too", earlier: .stopped, skipped: 1,
            fetched: ["2025-11-24…2025-11-30", "2025-12-01…2025-12-07"]),
        ResumeCase(
            name: "a chunk completed as two halves counts as done",
            earlier: .killed([
                "act_1001 2025-11-17…2025-11-19", "act_1001 2025-11-20…2025-11-23", "act_1001 2025-11-24…2025-11-26",
            ]), skipped: 1, fetched: ["2025-11-24…2025-11-30", "2025-12-01…2025-12-07"]),
        ResumeCase(
            name: "another account's plan is not resumed",
            earlier: .killed(plan: "act_1002", ["act_1002 2025-11-17…2025-11-23"]), skipped: 0, fetched: allThree),
        ResumeCase(
            name: "a different command (--since moved) makes its own plan, on the same week boundaries",
            earlier: killedTwo, since: "2025-11-18", skipped: 0,
            fetched: ["2025-11-18…2025-11-23", "2025-11-24…2025-11-30", "2025-12-01…2025-12-07"]),
    ]

    @Test(arguments: cases)
    func whichChunksAReRunSkips(row: ResumeCase) throws {
        let world = try StandInSync()
        switch row.earlier {
        case .killed(let account, let chunks):
            let ledger = try world.ledger(at: "2025-12-08T12:00:00Z")
            let request = try world.request(since: "2025-11-17")
            try ledger.startSync(runId: "killed", context: SyncRunner.context(request, accounts: [account]))
            let plan = SyncPlan(
                asked: request.asked, since: "2025-11-17", until: "2025-12-07", timeZone: "UTC",
                chunks: SyncRange(since: "2025-11-17", until: "2025-12-07").chunks(accountId: account, days: 7))
            try ledger.recordPlan(runId: "killed", accountId: account, plan: plan.json)
            for text in chunks {
                let parts = text.split(separator: " ").map(String.init)
                let chunk = try ChunkTests.chunk(parts[1])
                let vanished = try ledger.completeChunk(
                    SyncChunk(accountId: parts[0], since: chunk.since, until: chunk.until), runId: "killed",
                    returned: [], counts: AppendCounts())
                #expect(vanished == 0)
            }
        case .finished:
            let earlier = try world.run(try world.request(since: "2025-11-17"), at: "2025-12-08T12:00:00Z")
            try #require(earlier.outcome == "ok")
        case .stopped:
            world.standIn.inject(.tokenError(subcode: 463), on: .request(7))
            let earlier = try world.run(try world.request(since: "2025-11-17"), at: "2025-12-08T12:00:00Z")
            try #require(earlier.outcome == "failed")
        }
        let before = world.standIn.requests.count
        let summary = try world.run(try world.request(since: row.since), at: row.rerunAt)
        #expect(summary.outcome == "ok", "\(summary.accounts.compactMap(\.error))")
        let account = try #require(summary.accounts.first)
        #expect(account.chunks == 3)
        #expect(account.chunksSkipped == row.skipped)
        #expect((account.resumedRun != nil) == (row.skipped > 0))
        #expect(try world.insightRanges("GET", after: before) == row.fetched)
    }

    /// A default-range sync stopped on its 9th request (its fourth chunk), run again the next day: it resumes its plan and
    /// extends it to the new today, instead of planning anew from the last day covered.
    @Test func aResumedDefaultPlanRunsOnToTheNewToday() throws {
        let world = try StandInSync()
        world.standIn.inject(.tokenError(subcode: 463), on: .request(9))
        let first = try world.run(try world.request(since: nil, until: nil), at: "2025-12-07T12:00:00Z")
        try #require(first.outcome == "failed")
        #expect(
            try world.insightRanges("GET") == [
                "2025-11-09…2025-11-09", "2025-11-10…2025-11-16", "2025-11-17…2025-11-23", "2025-11-24…2025-11-30",
            ])
        let before = world.standIn.requests.count
        let second = try world.run(try world.request(since: nil, until: nil), at: "2025-12-08T12:00:00Z")
        #expect(second.outcome == "ok", "\(second.accounts.compactMap(\.error))")
        #expect(second.accounts.first?.since == "2025-11-09")
        #expect(second.accounts.first?.until == "2025-12-08")
        #expect(second.accounts.first?.chunksSkipped == 3)
        #expect(
            try world.insightRanges("GET", after: before) == [
                "2025-11-24…2025-11-30", "2025-12-01…2025-12-07", "2025-12-08…2025-12-08",
            ])
    }
}
