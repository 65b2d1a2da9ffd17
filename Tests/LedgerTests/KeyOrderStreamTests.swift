import Foundation
import Testing

@testable import Ledger

/// `KeyOrderStream`: the walk in key order fed the fresh rows one at a time (as a rebuild's summaries' build reads
/// them) with the live rows read aside. It must find what `ProjectionMerge.runInKeyOrder` finds, and name the key
/// buckets of exactly the rows that differ.
@Suite struct KeyOrderStreamTests {
    let tests = ProjectionMergeTests()
    let feeds = LiveRowFeedTests()

    func merge(keeping: Int = 0) -> ProjectionMerge {
        var merge = ProjectionMerge(
            name: "meta_ads", keys: ["meta_ad_id"], columns: ["meta_ad_id", "name", "spend"], fresh: .temporary)
        merge.keysAreUnique = true
        merge.keepsChanges = keeping
        return merge
    }

    /// Feeds the fresh rows in key order, gathered as the summaries' build gathers them.
    func streamed(_ merge: ProjectionMerge, livePath: String, on connection: Connection) throws
        -> KeyOrderStream.Walked?
    {
        var stream = KeyOrderStream(merge: merge, path: livePath)
        let rows = try connection.prepare(merge.freshQuery)
        let bytes = RowBytes()
        let all = merge.columns.indices.map(Int32.init)
        let offsets = UnsafeMutableBufferPointer<Int>.allocate(capacity: merge.columns.count)
        defer { offsets.deallocate() }
        while try rows.step() {
            bytes.removeAll()
            rows.gatherRow(columns: all, into: bytes)
            let row = try #require(GatheredRow(bytes.bytes, columns: merge.columns.count, offsets: offsets))
            stream.add(row, bucket: KeyBucket.bucket(of: rows.handle, columns: [0]))
        }
        return stream.finish()
    }

    /// The buckets of `keys` (text keys), as SQL's `adledger_key_bucket` gives them, in order.
    func buckets(_ keys: [SQLValue], on connection: Connection) throws -> [Int] {
        try Set(keys.map { try Int(#require(connection.scalar("SELECT adledger_key_bucket(?)", [$0])?.integer)) })
            .sorted()
    }

    @Test func aStreamFindsWhatTheWalkInKeyOrderFinds() throws {
        let cases: [(live: String, fresh: String, differ: [SQLValue])] = [
            // Removed before the first fresh row, between and after the last; added likewise; changed in between.
            ("('a', 'x', 1), ('c', 'y', 2), ('d', 'z', 3), ('e', 'w', 4), ('g', 'v', 5)",
             "('a', 'x', 1), ('b', 'new', 9), ('c', 'Y', 2), ('e', 'w', '4'), ('f', 'u', 6), ('g', 'v', 5.5)",
             ["b", "c", "d", "e", "f", "g"].map { .text($0) }),
            ("('0', 'x', 1), ('m', 'y', 2), ('z', 'z', 3)", "('m', 'y', 2.0)", [.text("0"), .text("z")]),
            ("('m', 'y', 2)", "('0', 'x', 1), ('m', 'y', 2), ('z', 'z', 3)", [.text("0"), .text("z")]),
            ("", "('a', 'x', 1)", [.text("a")]),
            ("('a', 'x', 1)", "", [.text("a")]),
            ("", "", []),
            // Keys of every storage class, ordered as SQLite orders them.
            ("(NULL, 'n', 1), (2, 'i', 1), (10, 'i', 1), ('10', 't', 1), (x'01', 'b', 1)",
             "(NULL, 'n', 1), (2.0, 'i', 1), (10, 'I', 1), ('2', 't', 1), (x'01', 'b', 1)",
             [.integer(10), .text("10"), .text("2")]),
        ]
        for (live, fresh, differ) in cases {
            let (test, connection) = try tests.tables(live: live, fresh: fresh)
            for keeping in [0, 10] {
                let walked = try #require(try streamed(merge(keeping: keeping), livePath: test.path, on: connection))
                feeds.expectSame(
                    walked.outcome, try merge(keeping: keeping).runInKeyOrder(on: connection), "\(live) vs \(fresh)")
                #expect(walked.differingBuckets == (try buckets(differ, on: connection)), "\(live) vs \(fresh)")
            }
        }
    }

    @Test func manyRowsInChunksWithAFewChanged() throws {
        let rows = (0..<3_000).map { "(\($0), '\(String(repeating: "n", count: 300))', \($0))" }
        var fresh = rows.enumerated().map { $0 % 700 == 3 ? "(\($0), 'changed', \($0))" : $1 }
        fresh.remove(at: 1_500)
        fresh.append("(5000, 'new', 1)")
        let (test, connection) = try tests.tables(
            live: rows.joined(separator: ", "), fresh: fresh.joined(separator: ", "))
        let walked = try #require(try streamed(merge(), livePath: test.path, on: connection))
        #expect(walked.outcome.changed == 5 && walked.outcome.added == 1 && walked.outcome.removed == 1)
        feeds.expectSame(walked.outcome, try merge().runInKeyOrder(on: connection))
        let differ: [SQLValue] = [3, 703, 1_403, 2_103, 2_803, 1_500, 5_000].map { .integer($0) }
        #expect(walked.differingBuckets == (try buckets(differ, on: connection)))
    }

    @Test func liveRowsThatCannotBeReadLeaveNoFindings() throws {
        let (test, connection) = try tests.tables(live: "('a', 'x', 1)", fresh: "('a', 'y', 1)")
        let missing = test.directory.appendingPathComponent("missing.sqlite").path
        #expect(try streamed(merge(), livePath: missing, on: connection) == nil)
    }
}
