import Foundation
import Testing

@testable import Ledger

/// The walk in stored order with the live rows read on a connection and thread of their own (`LiveRowFeed`, what a
/// rebuild does): it finds what the walks on the caller's connection find, gives up where they give up, and falls
/// back to them when the rows cannot be read aside.
@Suite struct LiveRowFeedTests {
    let tests = ProjectionMergeTests()

    func merge(keeping: Int = 0, aside path: String? = nil) -> ProjectionMerge {
        var merge = ProjectionMerge(
            name: "meta_ads", keys: ["meta_ad_id"], columns: ["meta_ad_id", "name", "spend"], fresh: .temporary)
        merge.keepsChanges = keeping
        merge.liveRowsPath = path
        return merge
    }

    /// What two walks found, field by field.
    func expectSame(
        _ a: ProjectionMerge.Outcome, _ b: ProjectionMerge.Outcome, _ comment: Comment? = nil,
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        #expect(a.added == b.added && a.removed == b.removed && a.changed == b.changed, comment)
        #expect(a.changedPerColumn == b.changedPerColumn, comment)
        #expect(a.firstChanged == b.firstChanged && a.firstAdded == b.firstAdded, comment)
        #expect(a.firstRemoved == b.firstRemoved && a.firstChangedKey == b.firstChangedKey, comment)
        #expect(a.rowsRead == b.rowsRead && a.inStoredOrder == b.inStoredOrder, comment)
        #expect(
            a.changes?.map(\.rowid) == b.changes?.map(\.rowid)
                && a.changes?.map(\.values) == b.changes?.map(\.values), comment)
    }

    /// Pairs of sides that pair up row by row, with every kind of sameness and difference SQL's `IS` has.
    static let paired: [(live: String, fresh: String)] = [
        ("('d', 'x', 1), ('b', 'y', 2), ('c', 'z', 3), ('a', 'w', 4), ('e', 'v', 2)",
         "('d', 'X', 1), ('b', 'Y', 2), ('c', 'z', 3.0), ('a', 'w', 4), ('e', 'v', '2')"),
        // An integer and a REAL of one value, NULLs, blobs, text that begins another, and storage classes that differ.
        ("(1, 'x', 1), (2, NULL, 2.0), (3, x'00', 'ab'), (4, 'ab', NULL), (5, 2.5, x'01'), (6, 'é', -0.0)",
         "(1, 'x', 1.0), (2, NULL, 2), (3, x'0001', 'a'), (4, 'abc', 0), (5, 2.5, x'01'), (6, 'é', 0.0)"),
        ("(7, 'same', 1), (8, 'same', 2)", "(7, 'same', 1), (8, 'same', 2)"),
        ("", ""),
    ]

    @Test func aWalkWithTheLiveRowsReadAsideFindsWhatTheWalkOnTheConnectionFinds() throws {
        for (live, fresh) in Self.paired {
            let (test, connection) = try tests.tables(live: live, fresh: fresh)
            for keeping in [0, 10] {
                let here = try #require(try merge(keeping: keeping).runInStoredOrder(on: connection))
                let query = "SELECT meta_ad_id, name, spend\(keeping > 0 ? ", rowid" : "") FROM meta_ads"
                let feed = LiveRowFeed(path: test.path, query: query, columns: keeping > 0 ? 4 : 3)
                guard case .paired(let aside) = try merge(keeping: keeping).runInStoredOrder(on: connection, feed: feed)
                else {
                    Issue.record("not paired: \(live) vs \(fresh)")
                    continue
                }
                expectSame(aside, here, "\(live) vs \(fresh), keeping \(keeping)")
                expectSame(try merge(keeping: keeping, aside: test.path).run(on: connection), here)
            }
        }
        // The second pair: 1 = 1.0 and 2.0 = 2, the rest differ in name (3, 4) or spend (3, 4, 6 is -0.0 = 0.0).
        let (_, connection) = try tests.tables(live: Self.paired[1].live, fresh: Self.paired[1].fresh)
        let outcome = try merge().run(on: connection)
        #expect(outcome.changed == 2 && outcome.changedPerColumn == [0, 2, 2])
    }

    @Test func sidesThatDoNotPairUpRowByRowGoToTheWalkInKeyOrder() throws {
        let cases: [(live: String, fresh: String)] = [
            ("('a', 'x', 1), ('b', 'y', 2)", "('b', 'y', 2), ('a', 'x', 1)"),
            ("('a', 'x', 1), ('a', 'y', 1)", "('a', 'x', 1), ('a', 'y', 1)"),
            ("(5, 'x', 1), (5.0, 'y', 1)", "(5, 'x', 1), (5, 'y', 1)"),
            ("('a', 'x', 1)", "('a', 'x', 1), ('b', 'y', 2)"),
            ("('a', 'x', 1), ('b', 'y', 2)", "('a', 'x', 1)"),
            ("('a', 'x', 1), ('c', 'y', 2), ('d', 'z', 3)", "('a', 'X', 1), ('b', 'new', 9), ('d', 'z', 3.5)"),
        ]
        for (live, fresh) in cases {
            let (test, connection) = try tests.tables(live: live, fresh: fresh)
            let feed = LiveRowFeed(path: test.path, query: "SELECT meta_ad_id, name, spend FROM meta_ads", columns: 3)
            guard case .unpaired = try merge().runInStoredOrder(on: connection, feed: feed) else {
                Issue.record("paired: \(live) vs \(fresh)")
                continue
            }
            expectSame(try merge(aside: test.path).run(on: connection), try merge().run(on: connection))
        }
    }

    @Test func rowsInManyChunksArriveInOrderAndAnEarlyStopLeavesNoThreadBehind() throws {
        // Rows of about 1 KiB: a few hundred chunks' worth, so the reading thread waits on a full channel.
        let rows = (0..<3_000).map { "(\($0), '\(String(repeating: "n", count: 1_000))', \($0))" }
        let changed = rows.enumerated().map { $0 % 500 == 7 ? "(\($0), 'changed', \($0))" : $1 }
        let (test, connection) = try tests.tables(
            live: rows.joined(separator: ", "), fresh: changed.joined(separator: ", "))
        let aside = try merge(aside: test.path).run(on: connection)
        expectSame(aside, try #require(try merge().runInStoredOrder(on: connection)))
        #expect(aside.changed == 6 && aside.rowsRead == 6_000 && aside.inStoredOrder)
        // The first pair does not pair up: the walk stops at once and closes the feed, whose thread must stop too.
        let (other, otherConnection) = try tests.tables(
            live: rows.joined(separator: ", "), fresh: rows.reversed().joined(separator: ", "))
        for _ in 0..<20 {
            let feed = LiveRowFeed(path: other.path, query: "SELECT meta_ad_id, name, spend FROM meta_ads", columns: 3)
            guard case .unpaired = try merge().runInStoredOrder(on: otherConnection, feed: feed) else {
                Issue.record("reversed sides paired")
                break
            }
        }
    }

    @Test func aFeedGivesItsRowsThenItsEndForEveryLaterStepAndFailsOnceClosedEarly() throws {
        let (test, _) = try tests.tables(live: "('a', 'x', 1), ('b', NULL, 2.5)", fresh: "")
        let query = "SELECT meta_ad_id, name, spend FROM meta_ads"
        let feed = LiveRowFeed(path: test.path, query: query, columns: 3)
        var read: [[SQLValue]] = []
        while case .row(let row) = feed.step() { read.append((0..<3).map { row.value(at: $0) }) }
        #expect(read == [[.text("a"), .text("x"), .integer(1)], [.text("b"), .null, .real(2.5)]])
        for _ in 0..<2 {
            guard case .end = feed.step() else {
                Issue.record("a step after the end is not the end")
                return
            }
        }
        feed.close()
        guard case .end = feed.step() else {
            Issue.record("closing after the end changed it")
            return
        }
        // Closed before the rows ran out: a later step fails at once instead of waiting for rows.
        let early = LiveRowFeed(path: test.path, query: query, columns: 3)
        early.close()
        guard case .failed = early.step() else {
            Issue.record("a step after an early close did not fail")
            return
        }
    }

    @Test func whenTheRowsCannotBeReadAsideTheWalkReadsThemOnItsConnection() throws {
        let (test, connection) = try tests.tables(live: Self.paired[0].live, fresh: Self.paired[0].fresh)
        let missing = test.directory.appendingPathComponent("missing.sqlite").path
        let feed = LiveRowFeed(path: missing, query: "SELECT meta_ad_id, name, spend FROM meta_ads", columns: 3)
        guard case .feedFailed = try merge().runInStoredOrder(on: connection, feed: feed) else {
            Issue.record("a feed from a missing ledger did not fail")
            return
        }
        // A query that fails on the other connection: the same.
        let broken = LiveRowFeed(path: test.path, query: "SELECT no_such_column FROM meta_ads", columns: 1)
        guard case .feedFailed = try merge().runInStoredOrder(on: connection, feed: broken) else {
            Issue.record("a feed with a broken query did not fail")
            return
        }
        expectSame(try merge(aside: missing).run(on: connection), try merge().run(on: connection))
    }
}
