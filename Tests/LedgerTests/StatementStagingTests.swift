import Testing

@testable import Ledger

/// `Statement.run(staging:_:)`: texts and blobs bound from the statement's staging buffer store exactly what
/// `run(_:)` stores, run after run, as the buffer grows, and a failed run leaves the statement usable.
@Suite struct StatementStagingTests {
    static let rows: [[SQLValue]] = [
        [.text("a"), .blob([1, 2, 3]), .integer(1), .real(1.5), .null],
        // Longer than a small string, non-ASCII, and an empty text and blob.
        [.text(String(repeating: "é€😀", count: 40)), .blob([]), .integer(-2), .null, .text("")],
        // Larger than every row before: the buffer grows.
        [.text(String(repeating: "x", count: 5_000)), .blob(Array(repeating: 0xAB, count: 3_000)), .null, .real(-0.0),
         .blob([0])],
        [.text("short again"), .blob([0, 0, 0]), .integer(Int64.max), .real(2.25), .text("z")],
    ]

    @Test func storesWhatAnOrdinaryRunStores() throws {
        let connection = try Connection(path: ":memory:", mode: .readWrite)
        try connection.execute("CREATE TABLE staged(a, b, c, d, e); CREATE TABLE plain(a, b, c, d, e)")
        let staged = try connection.prepare("INSERT INTO staged VALUES (?, ?, ?, ?, ?)")
        let plain = try connection.prepare("INSERT INTO plain VALUES (?, ?, ?, ?, ?)")
        for row in Self.rows {
            // Split between the two arrays at every position across the rows.
            let split = (row.count + 1) / 2
            try staged.run(staging: Array(row[..<split]), Array(row[split...]))
            try plain.run(row)
        }
        func query(_ table: String) -> String {
            "SELECT a, typeof(a), b, typeof(b), c, d, e, typeof(e) FROM \(table) ORDER BY rowid"
        }
        let stagedRows = try connection.rows(query("staged"))
        #expect(stagedRows.count == Self.rows.count)
        #expect(stagedRows == (try connection.rows(query("plain"))))
        #expect(stagedRows[1][0] == .text(String(repeating: "é€😀", count: 40)))
        #expect(stagedRows[2][2] == .blob(Array(repeating: 0xAB, count: 3_000)))
    }

    @Test func aFailedRunThrowsAndTheStatementRunsAgain() throws {
        let connection = try Connection(path: ":memory:", mode: .readWrite)
        try connection.execute("CREATE TABLE t(k TEXT PRIMARY KEY, v BLOB NOT NULL)")
        let insert = try connection.prepare("INSERT INTO t VALUES (?, ?)")
        try insert.run(staging: [.text("key"), .blob([1])])
        #expect(throws: LedgerError.self) { try insert.run(staging: [.text("key"), .blob([2])]) }
        #expect(throws: LedgerError.self) { try insert.run(staging: [.text("other")], [.null]) }
        try insert.run(staging: [.text("other")], [.blob([3])])
        // A parameter left out is NULL, not the last run's bytes.
        let loose = try connection.prepare("INSERT INTO t VALUES (?, coalesce(?, x'FF'))")
        try loose.run(staging: [.text("third"), .blob(Array(repeating: 7, count: 600))])
        try loose.run(staging: [.text("fourth")])
        let stored = try connection.rows("SELECT k, v FROM t ORDER BY k")
        #expect(
            stored == [
                [.text("fourth"), .blob([0xFF])], [.text("key"), .blob([1])], [.text("other"), .blob([3])],
                [.text("third"), .blob(Array(repeating: 7, count: 600))],
            ])
    }
}
