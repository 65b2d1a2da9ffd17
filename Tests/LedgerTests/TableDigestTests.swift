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
}
