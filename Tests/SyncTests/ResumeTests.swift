import Ledger
import TestSupport
import Testing

@testable import Sync

/// What an earlier run of the same sync left in the ledger.
enum EarlierRun: Sendable {
    /// Killed after completing these chunks (`account since…until`), at 2025-12-08T12:00:00Z.
    case killed([String])
    /// Finished, from 2025-11-17, at 2025-12-08T12:00:00Z.
    case finished
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

/// Which chunks a re-run skips: those completed, with the same account and bounds, by a run that never
/// finished, within the last 24 hours.
@Suite struct ResumeTests {
    static let killedTwo = EarlierRun.killed(["act_1001 2025-11-17…2025-11-23", "act_1001 2025-11-24…2025-11-30"])
    static let allThree = ["2025-11-17…2025-11-23", "2025-11-24…2025-11-30", "2025-12-01…2025-12-07"]

    static let cases: [ResumeCase] = [
        ResumeCase(
            name: "an hour after a killed run: its chunks are skipped", earlier: killedTwo, skipped: 2,
            fetched: ["2025-12-01…2025-12-07"]),
        ResumeCase(
            name: "exactly a day after: still skipped", earlier: killedTwo, rerunAt: "2025-12-09T12:00:00Z", skipped: 2,
            fetched: ["2025-12-01…2025-12-07"]),
        ResumeCase(
            name: "more than a day after: read again", earlier: killedTwo, rerunAt: "2025-12-09T12:00:01Z", skipped: 0,
            fetched: allThree),
        ResumeCase(name: "a finished run's chunks are read again", earlier: .finished, skipped: 0, fetched: allThree),
        ResumeCase(
            name: "a chunk with other bounds is read again", earlier: .killed(["act_1001 2025-11-17…2025-11-22"]),
            skipped: 0,
            fetched: allThree),
        ResumeCase(
            name: "another account's chunk is read again", earlier: .killed(["act_1002 2025-11-17…2025-11-23"]),
            skipped: 0,
            fetched: allThree),
        ResumeCase(
            name: "--since moved, so the chunks no longer line up", earlier: killedTwo, since: "2025-11-18", skipped: 0,
            fetched: ["2025-11-18…2025-11-24", "2025-11-25…2025-12-01", "2025-12-02…2025-12-07"]),
    ]

    @Test(arguments: cases)
    func whichChunksAReRunSkips(row: ResumeCase) throws {
        let world = try StandInSync()
        switch row.earlier {
        case .killed(let chunks):
            let ledger = try world.ledger(at: "2025-12-08T12:00:00Z")
            let request = try world.request(since: "2025-11-17")
            try ledger.startSync(runId: "killed", context: SyncRunner.context(request, accounts: [StandInSync.account]))
            for text in chunks {
                let parts = text.split(separator: " ").map(String.init)
                let chunk = try ChunkTests.chunk(parts[1])
                let vanished = try ledger.completeChunk(
                    SyncChunk(accountId: parts[0], since: chunk.since, until: chunk.until), runId: "killed",
                    returned: [],
                    counts: AppendCounts())
                #expect(vanished == 0)
            }
        case .finished:
            let earlier = try world.run(try world.request(since: "2025-11-17"), at: "2025-12-08T12:00:00Z")
            try #require(earlier.outcome == "ok")
        }
        let before = world.standIn.requests.count
        let summary = try world.run(try world.request(since: row.since), at: row.rerunAt)
        #expect(summary.outcome == "ok")
        #expect(summary.accounts.first?.chunks == 3)
        #expect(summary.accounts.first?.chunksSkipped == row.skipped)
        #expect(try world.insightRanges("GET", after: before) == row.fetched)
    }
}
