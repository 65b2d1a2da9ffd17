import Testing

@testable import Ledger

/// `GatheredRow` reads back, column by column, what `Statement.gatherRow` gathered: the storage class and value the
/// statement gives for each column, whatever the column's position in the statement.
@Suite struct GatheredRowTests {
    @Test func aGatheredRowReadsAsTheStatementDoes() throws {
        let connection = try Connection(path: ":memory:", mode: .readWrite)
        let long = String(repeating: "é", count: 700)
        let statement = try connection.prepare(
            "SELECT 1, -9223372036854775808, 2.5, -0.0, '', 'ad-1', x'', x'00ff10', NULL, '\(long)', 1e300, 7")
        #expect(try statement.step())
        let count = statement.columnCount
        // Gathered in reverse, so the row's n-th column is the statement's (count - 1 - n)-th.
        let columns = (0..<Int32(count)).reversed().map { $0 }
        let bytes = RowBytes(capacity: 8)
        statement.gatherRow(columns: columns, into: bytes)
        try withUnsafeTemporaryAllocation(of: Int.self, capacity: count) { offsets in
            let row = try #require(GatheredRow(bytes.bytes, columns: count, offsets: offsets))
            for (position, column) in columns.enumerated() {
                let index = Int(column)
                let type = statement.columnType(at: index)
                #expect(row.columnType(at: position) == type, "column \(index)")
                switch type {
                case .integer: #expect(row.int64(at: position) == statement.int64(at: index))
                case .real:
                    #expect(row.double(at: position).bitPattern == statement.double(at: index).bitPattern)
                case .text, .blob:
                    let gathered = row.withBytes(at: position) { Array($0) }
                    #expect(gathered == statement.withBytes(at: index) { Array($0) }, "column \(index)")
                case .null: break
                }
            }
            // Bytes that are not a row of that many columns read as none.
            #expect(GatheredRow(bytes.bytes, columns: count - 1, offsets: offsets) == nil)
            #expect(
                GatheredRow(UnsafeRawBufferPointer(rebasing: bytes.bytes.dropLast()), columns: count, offsets: offsets)
                    == nil)
        }
    }
}
