import CSQLite
import Testing

@testable import Ledger

@Suite struct ConnectionTests {
    /// The first connection turns SQLite's count of its memory off (a process-wide mutex on every allocation): after
    /// a query that allocates, SQLite reports no memory in use, which it does only when it is not counting.
    @Test func sqliteDoesNotCountItsMemory() throws {
        let connection = try Connection(path: ":memory:", mode: .readWrite)
        try connection.execute(
            """
            CREATE TABLE t(x TEXT);
            WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 100)
            INSERT INTO t SELECT printf('%.500c', 'x') FROM n;
            """)
        #expect(try connection.scalar("SELECT count(*) FROM t")?.integer == 100)
        #expect(sqlite3_memory_used() == 0)
    }
}
