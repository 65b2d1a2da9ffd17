import Testing

@testable import Ledger

/// `Statement.gatherRow` gives a row's storage classes and values to the digest that lets a rebuild skip comparing
/// an unchanged table: equal rows must feed equal bytes, and any change a comparison would see must change them.
@Suite struct TableDigestTests {
    /// The digest of one row given as SQL values.
    static func digest(_ values: String, on connection: Connection) throws -> Int {
        let statement = try connection.prepare("SELECT \(values)")
        #expect(try statement.step())
        let bytes = RowBytes()
        statement.gatherRow(columns: (0..<Int32(statement.columnCount)).map { $0 }, into: bytes)
        return Int(truncatingIfNeeded: TableDigest.hash(row: bytes.bytes))
    }

    @Test func equalRowsDigestEquallyAndAnyChangeDiffers() throws {
        let connection = try Connection(path: ":memory:", mode: .readWrite)
        let long = String(repeating: "x", count: 3_000)
        let rows = [
            "1, 2.5, 'ab', 'c', NULL, x'00ff'", "1, 2.5, 'a', 'bc', NULL, x'00ff'", "1, 2.5, 'ab', 'c', NULL, x'00fe'",
            "1.0, 2.5, 'ab', 'c', NULL, x'00ff'", "1, 2.5, 'ab', 'c', 0, x'00ff'", "1, 2.5, 'ab', 'c', NULL, 'x'",
            "'1', 2.5, 'ab', 'c', NULL, x'00ff'", "1, 2.5, 'ab', 'c', NULL",
            // Text longer than the buffer the row is gathered in, alone and after other values.
            "'\(long)'", "'\(long)y'", "1, 'ab', '\(long)'", "1, 'ab', '\(long)', 2", "1, 'ab', '\(long)', 3",
            String(repeating: "'abcdefgh', ", count: 150) + "1", String(repeating: "'abcdefgh', ", count: 150) + "2",
        ]
        var seen: [Int: String] = [:]
        for row in rows {
            let digest = try Self.digest(row, on: connection)
            #expect(try Self.digest(row, on: connection) == digest, "the same row, digested twice")
            #expect(seen[digest] == nil, "\(row.prefix(40)) digests as \(seen[digest]?.prefix(40) ?? "")")
            seen[digest] = row
        }
    }

    /// Rows digested from the values bound as they are inserted give the digest a walk over the table gives, until
    /// one holds a value whose stored form an affinity may change (then there is none); bound in another order than
    /// the table's, there is none to take.
    @Test func rowsDigestedAsBoundMatchTheTableUnlessAnAffinityWouldChangeThem() throws {
        let connection = try Connection(path: ":memory:", mode: .readWrite)
        try connection.execute("CREATE TABLE t(a TEXT NOT NULL, b INTEGER, c TEXT)")
        let columns = ["a", "b", "c"]
        let types = ["TEXT", "INTEGER", "TEXT"]
        var bound = try #require(TableDigest.BoundRows(columns: columns, types: types, bound: columns, keys: ["a"]))
        let insert = try connection.prepare("INSERT INTO t(a, b, c) VALUES (?, ?, ?)")
        let rows: [[SQLValue]] = [
            [.text("x"), .integer(1), .null], [.text(""), .null, .text("é")], [.text("y"), .integer(-5), .text("z")],
            [.text(String(repeating: "long ", count: 300)), .integer(Int64.max), .text("")],
        ]
        for row in rows {
            try insert.run(row)
            bound.add(row)
        }
        let merge = ProjectionMerge(name: "t", keys: ["a"], columns: columns, fresh: .live)
        let walked = try merge.digest(merge.liveRows, on: connection)
        #expect(bound.digest == walked)
        #expect(walked.rows == rows.count)
        // 2.0 bound into an INTEGER column is stored as the integer 2.
        let real: [SQLValue] = [.text("w"), .real(2), .null]
        try insert.run(real)
        bound.add(real)
        #expect(bound.digest == nil)
        #expect(TableDigest.BoundRows(columns: columns, types: types, bound: ["b", "a", "c"], keys: ["a"]) == nil)
    }
}

