import Ledger
import Testing

@testable import Sync

/// `since…until` of each chunk, the form the tables below are written in.
func ranges(_ chunks: [SyncChunk]) -> [String] { chunks.map { "\($0.since)…\($0.until)" } }

/// How a range is cut into chunks and how a failed chunk is halved. The rule: fixed calendar windows of `days`
/// days counted from Monday 1970-01-05 (ISO weeks, Monday–Sunday, for 7), the first and last clipped to the
/// range, so that any two ranges share the windows they both hold whole.
@Suite struct ChunkTests {
    @Test(arguments: [
        ("2025-12-01", "2025-12-07", 7, ["2025-12-01…2025-12-07"]),
        ("2025-12-01", "2025-12-08", 7, ["2025-12-01…2025-12-07", "2025-12-08…2025-12-08"]),
        ("2025-12-07", "2025-12-07", 7, ["2025-12-07…2025-12-07"]),
        (
            "2025-11-10", "2025-12-08", 7,
            [
                "2025-11-10…2025-11-16", "2025-11-17…2025-11-23", "2025-11-24…2025-11-30", "2025-12-01…2025-12-07",
                "2025-12-08…2025-12-08",
            ]
        ),
        // A Tuesday start: the first chunk ends on Sunday.
        ("2025-02-25", "2025-03-06", 7, ["2025-02-25…2025-03-02", "2025-03-03…2025-03-06"]),
        // A Sunday start in a leap year: a one-day first chunk, then Monday to Sunday across February 29.
        ("2024-02-25", "2024-03-06", 7, ["2024-02-25…2024-02-25", "2024-02-26…2024-03-03", "2024-03-04…2024-03-06"]),
        // The first sync (Friday 2025-11-21 to today, Friday 2025-12-19).
        (
            "2025-11-21", "2025-12-19", 7,
            [
                "2025-11-21…2025-11-23", "2025-11-24…2025-11-30", "2025-12-01…2025-12-07", "2025-12-08…2025-12-14",
                "2025-12-15…2025-12-19",
            ]
        ),
        ("2025-12-29", "2026-01-06", 7, ["2025-12-29…2026-01-04", "2026-01-05…2026-01-06"]),
        ("2025-03-08", "2025-03-10", 1, ["2025-03-08…2025-03-08", "2025-03-09…2025-03-09", "2025-03-10…2025-03-10"]),
        ("2025-12-01", "2025-12-02", 0, ["2025-12-01…2025-12-01", "2025-12-02…2025-12-02"]),
        // 31-day windows from 1970-01-05: one boundary falls on 2025-12-11.
        ("2025-12-01", "2025-12-31", 31, ["2025-12-01…2025-12-10", "2025-12-11…2025-12-31"]),
        ("2025-12-01", "2025-12-31", 100, ["2025-12-01…2025-12-31"]),
        ("2025-12-08", "2025-12-07", 7, []),
    ])
    func aRangeIsCutIntoChunks(since: String, until: String, days: Int, expected: [String]) {
        let range = SyncRange(since: since, until: until)
        #expect(ranges(range.chunks(accountId: "act_1", days: days)) == expected)
        #expect(range.chunks(accountId: "act_1", days: days).allSatisfy { $0.accountId == "act_1" })
    }

    /// Two ranges that overlap cut the days they share into the same chunks, except where one of them starts
    /// or ends: the property resume relies on.
    @Test(arguments: [
        ("2025-11-21", "2025-12-19", "2025-11-01", "2025-12-19"),
        ("2025-11-14", "2025-12-18", "2025-11-21", "2025-12-31"),
        ("2024-01-03", "2024-03-30", "2024-02-15", "2024-06-01"),
    ])
    func overlappingRangesLineUp(a1: String, a2: String, b1: String, b2: String) {
        let a = SyncRange(since: a1, until: a2).chunks(accountId: "act_1", days: 7)
        let b = SyncRange(since: b1, until: b2).chunks(accountId: "act_1", days: 7)
        let shared = Set(a).intersection(b)
        let whole = a.filter { $0.since > max(a1, b1) && $0.until < min(a2, b2) }
        #expect(!whole.isEmpty)
        #expect(whole.allSatisfy(shared.contains))
        for chunk in a + b {
            #expect(DayMath.days(from: chunk.since, to: chunk.until) <= 7)
            let isMonday = (DayMath.days(from: DayMath.boundaryEpoch, to: chunk.since) - 1) % 7 == 0
            #expect(chunk.since == a1 || chunk.since == b1 || isMonday, "\(chunk.since) starts neither a range nor a week")
        }
    }

    /// (failed chunk, its two halves): the first half is the smaller one of an odd count.
    @Test(arguments: [
        ("2025-12-01…2025-12-07", ["2025-12-01…2025-12-03", "2025-12-04…2025-12-07"]),
        ("2025-12-01…2025-12-08", ["2025-12-01…2025-12-04", "2025-12-05…2025-12-08"]),
        ("2025-12-01…2025-12-02", ["2025-12-01…2025-12-01", "2025-12-02…2025-12-02"]),
        ("2025-12-01…2025-12-03", ["2025-12-01…2025-12-01", "2025-12-02…2025-12-03"]),
        ("2024-02-27…2024-03-02", ["2024-02-27…2024-02-28", "2024-02-29…2024-03-02"]),
        ("2025-12-30…2026-01-02", ["2025-12-30…2025-12-31", "2026-01-01…2026-01-02"]),
        ("2025-08-01…2025-11-30", ["2025-08-01…2025-09-30", "2025-10-01…2025-11-30"]),
    ])
    func aFailedChunkIsHalved(chunk: String, expected: [String]) throws {
        let halves = try #require(try Self.chunk(chunk).halves)
        #expect(ranges([halves.first, halves.second]) == expected)
        #expect(halves.first.accountId == "act_1" && halves.second.accountId == "act_1")
    }

    @Test func aSingleDayCannotBeHalved() throws {
        #expect(try Self.chunk("2025-12-01…2025-12-01").halves == nil)
    }

    /// Halving again and again ends at single days, each day of the chunk exactly once, in order.
    @Test(arguments: ["2025-12-01…2025-12-07", "2024-02-01…2024-03-31", "2025-12-20…2026-01-10"])
    func repeatedHalvingEndsAtEveryDayOnce(chunk: String) throws {
        func leaves(_ chunk: SyncChunk) -> [SyncChunk] {
            guard let halves = chunk.halves else { return [chunk] }
            return leaves(halves.first) + leaves(halves.second)
        }
        let whole = try Self.chunk(chunk)
        let days = leaves(whole)
        #expect(days.allSatisfy { $0.since == $0.until })
        #expect(
            days.map(\.since)
                == SyncRange(since: whole.since, until: whole.until).chunks(accountId: "act_1", days: 1).map(\.since))
    }

    static func chunk(_ text: String) throws -> SyncChunk {
        let parts = text.split(separator: "…").map(String.init)
        try #require(parts.count == 2, "test literal \(text) is not since…until")
        return SyncChunk(accountId: "act_1", since: parts[0], until: parts[1])
    }
}
