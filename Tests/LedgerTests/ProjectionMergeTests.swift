import Foundation
import Testing

@testable import Ledger

/// `ProjectionMerge`: the one-pass comparison of a live projection with a fresh build, on tables made here so every
/// kind of difference (and every kind of sameness SQL's `IS` allows) is present.
@Suite struct ProjectionMergeTests {
    /// A connection with `main.meta_ads` and `temp.meta_ads` filled by `live` and `fresh` (rows of
    /// meta_ad_id, name, spend). The columns have no declared type, so each value keeps the storage class it is
    /// written with.
    func tables(live: String, fresh: String) throws -> (TestLedger, Connection) {
        let test = try TestLedger()
        let connection = try Connection(path: test.path, mode: .readWrite)
        for schema in ["main", "temp"] {
            try connection.execute("CREATE TABLE \(schema).meta_ads (meta_ad_id, name, spend)")
        }
        if !live.isEmpty { try connection.execute("INSERT INTO main.meta_ads VALUES \(live)") }
        if !fresh.isEmpty { try connection.execute("INSERT INTO temp.meta_ads VALUES \(fresh)") }
        return (test, connection)
    }

    func merge(_ connection: Connection) throws -> ProjectionMerge.Outcome {
        try ProjectionMerge(name: "meta_ads", keys: ["meta_ad_id"], columns: ["meta_ad_id", "name", "spend"], fresh: .temporary)
            .run(on: connection)
    }

    @Test func equalTablesInAnyInsertOrderHaveNoDifference() throws {
        // 1 and 1.0 are the same value to SQL's IS; NULL is NULL; insert order does not matter.
        let (_, connection) = try tables(
            live: "('b', NULL, 1), ('a', 'x', 2.5), (NULL, 'n', NULL)",
            fresh: "('a', 'x', 2.5), (NULL, 'n', NULL), ('b', NULL, 1.0)")
        let outcome = try merge(connection)
        #expect(outcome.added == 0 && outcome.removed == 0 && outcome.changed == 0)
        #expect(outcome.firstChanged == nil && outcome.firstAdded == nil && outcome.firstRemoved == nil)
    }

    @Test func countsAddedRemovedAndChangedRowsAndNamesTheFirstInKeyOrder() throws {
        let (_, connection) = try tables(
            live: "('a', 'x', 1), ('c', 'y', 2), ('d', 'z', 3), ('e', 'w', 4), ('g', 'v', 5)",
            fresh: "('a', 'x', 1), ('b', 'new', 9), ('c', 'Y', 2), ('e', 'w', '4'), ('f', 'u', 6), ('g', 'v', 5.5)")
        let outcome = try merge(connection)
        #expect(outcome.added == 2)  // b, f
        #expect(outcome.removed == 1)  // d
        #expect(outcome.changed == 3)  // c (name), e (text '4' is not the number 4), g (spend)
        #expect(outcome.changedPerColumn == [0, 1, 2])
        #expect(outcome.firstChanged == "meta_ads row meta_ad_id=c: name is y but the log gives Y")
        #expect(outcome.firstAdded == "meta_ad_id=b")
        #expect(outcome.firstRemoved == "meta_ad_id=d")
    }

    @Test func oneSideEmpty() throws {
        let (_, connection) = try tables(live: "", fresh: "('a', 'x', 1), ('b', 'y', 2)")
        let outcome = try merge(connection)
        #expect(outcome.added == 2 && outcome.removed == 0 && outcome.changed == 0)
        let (_, other) = try tables(live: "('a', 'x', 1)", fresh: "")
        #expect(try merge(other).removed == 1)
    }

    @Test func rowsSharingAKeyPairUpByTheirOtherColumns() throws {
        // No unique index: two live rows with key 'a' against the same two built in the other order.
        let (_, connection) = try tables(live: "('a', 'y', 1), ('a', 'x', 1)", fresh: "('a', 'x', 1), ('a', 'y', 1)")
        #expect(try merge(connection).changed == 0)
        let (_, other) = try tables(live: "('a', 'x', 1), ('a', 'y', 1)", fresh: "('a', 'x', 1), ('a', 'z', 1)")
        let outcome = try merge(other)
        #expect(outcome.changed == 1 && outcome.changedPerColumn == [0, 1, 0])
    }

    @Test func keysOrderAsSQLiteOrdersMixedStorageClasses() throws {
        // NULL < numbers < text < blobs; 2 < 10 as numbers, '10' < '2' as text.
        let (_, connection) = try tables(
            live: "(x'01', 'b', 1), ('2', 't', 1), ('10', 't', 1), (10, 'i', 1), (2, 'i', 1), (NULL, 'n', 1)",
            fresh: "(NULL, 'n', 1), (2.0, 'i', 1), (10, 'i', 1), ('10', 't', 1), ('2', 't', 1), (x'01', 'b', 1)")
        let outcome = try merge(connection)
        #expect(outcome.added == 0 && outcome.removed == 0 && outcome.changed == 0)
    }
}

/// The walk in stored order (`ProjectionMerge.runInStoredOrder`): taken when both sides hold their rows in one order
/// with each key once, and then finding what the walk in key order finds.
@Suite struct ProjectionMergeStoredOrderTests {
    let tests = ProjectionMergeTests()

    func storedOrder(_ connection: Connection) throws -> ProjectionMerge.Outcome? {
        try ProjectionMerge(name: "meta_ads", keys: ["meta_ad_id"], columns: ["meta_ad_id", "name", "spend"], fresh: .temporary)
            .runInStoredOrder(on: connection)
    }

    func keyOrder(_ connection: Connection) throws -> ProjectionMerge.Outcome {
        try ProjectionMerge(name: "meta_ads", keys: ["meta_ad_id"], columns: ["meta_ad_id", "name", "spend"], fresh: .temporary)
            .runInKeyOrder(on: connection)
    }

    @Test func sidesInOneOrderPairUpRowByRowAndNameTheLeastChangedKey() throws {
        // Stored order is not key order: the first change in key order is 'b', met second.
        let (_, connection) = try tests.tables(
            live: "('d', 'x', 1), ('b', 'y', 2), ('c', 'z', 3), ('a', 'w', 4), ('e', 'v', 2)",
            fresh: "('d', 'X', 1), ('b', 'Y', 2), ('c', 'z', 3.0), ('a', 'w', 4), ('e', 'v', '2')")
        let outcome = try #require(try storedOrder(connection))
        let walked = try keyOrder(connection)
        #expect(outcome.changed == 3 && outcome.added == 0 && outcome.removed == 0)
        #expect(outcome.changedPerColumn == [0, 2, 1])
        #expect(outcome.firstChanged == "meta_ads row meta_ad_id=b: name is y but the log gives Y")
        #expect(outcome.firstChanged == walked.firstChanged)
        #expect(outcome.changed == walked.changed && outcome.changedPerColumn == walked.changedPerColumn)
        #expect(outcome.rowsRead == 10)
        #expect(try tests.merge(connection).firstChanged == walked.firstChanged)
    }

    @Test func aKeyOutOfStepARepeatedKeyOrASideLongerSendTheComparisonToTheWalkInKeyOrder() throws {
        let cases: [(live: String, fresh: String)] = [
            ("('a', 'x', 1), ('b', 'y', 2)", "('b', 'y', 2), ('a', 'x', 1)"),  // the same rows, another order
            ("('a', 'x', 1), ('a', 'y', 1)", "('a', 'x', 1), ('a', 'y', 1)"),  // a key twice, paired alike
            ("(5, 'x', 1), (5.0, 'y', 1)", "(5, 'x', 1), (5, 'y', 1)"),  // 5 and 5.0 are one key
            ("('a', 'x', 1)", "('a', 'x', 1), ('b', 'y', 2)"),  // a row added
            ("('a', 'x', 1), ('b', 'y', 2)", "('a', 'x', 1)"),  // a row removed
        ]
        for (live, fresh) in cases {
            let (_, connection) = try tests.tables(live: live, fresh: fresh)
            #expect(try storedOrder(connection) == nil, "\(live) vs \(fresh)")
        }
        // Where it gives up, `run` still compares: the repeated key's rows pair up by their other columns.
        let (_, connection) = try tests.tables(
            live: "('a', 'y', 1), ('a', 'x', 1)", fresh: "('a', 'y', 1), ('a', 'x', 2)")
        let outcome = try tests.merge(connection)
        #expect(outcome.changed == 1 && outcome.changedPerColumn == [0, 0, 1])
    }

    @Test func wholeNumberKeysAreTrackedInABitmapAndOthersByHash() throws {
        // Seq-like keys, large and small, unique: paired row by row.
        let rows = (0..<3_000).map { "(\($0 * 7919 % 100_003), 'r', \($0))" }.joined(separator: ", ")
        let (_, connection) = try tests.tables(live: rows, fresh: rows)
        let outcome = try #require(try storedOrder(connection))
        #expect(outcome.changed == 0 && outcome.rowsRead == 6_000)
        // Negative, fractional and huge numbers go by hash; a repeat among them is still found.
        let (_, other) = try tests.tables(
            live: "(-1, 'a', 1), (2.5, 'b', 1), (9e18, 'c', 1), (-1, 'd', 1)",
            fresh: "(-1, 'a', 1), (2.5, 'b', 1), (9e18, 'c', 1), (-1, 'd', 1)")
        #expect(try storedOrder(other) == nil)
    }
}
