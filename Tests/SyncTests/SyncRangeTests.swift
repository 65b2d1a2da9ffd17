import MetaGraph
import Testing

@testable import Sync

/// One row of the range table: what the request names, what the ledger covers, and the range chosen.
struct RangeCase: Sendable, CustomTestStringConvertible {
    var name: String
    var since: String? = nil
    var until: String? = nil
    var lookbackDays = 28
    var lastCovered: String? = nil
    /// `since…until`, or `error: ` and the error's description.
    var expected: String

    var testDescription: String { name }
}

/// Which days an account's sync reads, with today = 2025-12-08 in the account's time zone and `lastCovered`
/// the last day a completed chunk covered.
@Suite struct SyncRangeTests {
    static let today = "2025-12-08"

    static let cases: [RangeCase] = [
        RangeCase(name: "first sync: the last 28 days before today", expected: "2025-11-10…2025-12-08"),
        RangeCase(
            name: "later sync: 28 days before the last covered day", lastCovered: "2025-12-05",
            expected: "2025-11-07…2025-12-08"),
        RangeCase(name: "later sync after a long gap", lastCovered: "2025-06-01", expected: "2025-05-04…2025-12-08"),
        RangeCase(name: "covered up to today", lastCovered: "2025-12-08", expected: "2025-11-10…2025-12-08"),
        RangeCase(
            name: "a shorter lookback", lookbackDays: 3, lastCovered: "2025-12-05", expected: "2025-12-02…2025-12-08"),
        RangeCase(
            name: "--lookback 2 counts from the last day fully covered, so a gap is filled", lookbackDays: 2,
            lastCovered: "2025-06-01", expected: "2025-05-30…2025-12-08"),
        RangeCase(
            name: "--lookback 2 on a ledger covered up to yesterday", lookbackDays: 2, lastCovered: "2025-12-07",
            expected: "2025-12-05…2025-12-08"),
        RangeCase(name: "--lookback 0 on a first sync is today alone", lookbackDays: 0, expected: "2025-12-08…2025-12-08"),
        RangeCase(
            name: "covered past today (an earlier --until) counts from today", lastCovered: "2025-12-20",
            expected: "2025-11-10…2025-12-08"),
        RangeCase(
            name: "--since alone runs to today", since: "2025-12-01", lastCovered: "2025-06-01",
            expected: "2025-12-01…2025-12-08"),
        RangeCase(
            name: "--since and --until as given", since: "2025-08-01", until: "2025-08-31",
            expected: "2025-08-01…2025-08-31"),
        RangeCase(name: "--until alone, nothing covered", until: "2025-11-30", expected: "2025-11-02…2025-11-30"),
        RangeCase(
            name: "--until before the last covered day looks back from --until", until: "2025-11-30",
            lastCovered: "2025-12-05",
            expected: "2025-11-02…2025-11-30"),
        RangeCase(
            name: "--until after the last covered day looks back from the last covered day", until: "2025-12-31",
            lastCovered: "2025-12-05", expected: "2025-11-07…2025-12-31"),
        RangeCase(
            name: "a default never reaches past Meta's 37 months", lookbackDays: 5000, expected: "2022-11-18…2025-12-08"
        ),
        RangeCase(
            name: "--since past 37 months is kept (Meta refuses it)", since: "2020-01-01",
            expected: "2020-01-01…2025-12-08"),
        RangeCase(
            name: "--since after today without --until", since: "2025-12-10",
            expected: "error: --since 2025-12-10 is after --until 2025-12-08; swap them"),
    ]

    @Test(arguments: cases)
    func theRangeChosen(row: RangeCase) throws {
        var request = SyncRequest(accounts: ["act_1"], graph: try GraphConfiguration(token: ""))
        request.since = row.since
        request.until = row.until
        request.lookbackDays = row.lookbackDays
        let chosen: String
        do {
            let range = try SyncRange.choose(request, today: Self.today, lastCovered: row.lastCovered)
            chosen = "\(range.since)…\(range.until)"
        } catch {
            chosen = "error: \(error)"
        }
        #expect(chosen == row.expected)
    }

    /// `--lookback 2` on a first sync at one instant: Tokyo is already on the next day, Los Angeles is not.
    @Test(arguments: [("America/Los_Angeles", "2025-12-05…2025-12-07"), ("Asia/Tokyo", "2025-12-06…2025-12-08")])
    func lookbackCountsFromTodayInTheAccountsTimeZone(timeZone: String, expected: String) throws {
        var request = SyncRequest(accounts: ["act_1"], graph: try GraphConfiguration(token: ""))
        request.lookbackDays = 2
        let today = DayMath.today(at: try instant("2025-12-07T20:00:00Z"), timeZone: timeZone)
        let range = try SyncRange.choose(request, today: today, lastCovered: nil)
        #expect("\(range.since)…\(range.until)" == expected)
    }
}
