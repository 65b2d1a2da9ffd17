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
