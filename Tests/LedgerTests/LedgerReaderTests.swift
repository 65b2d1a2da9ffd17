import Foundation
import Sync
import Testing

@testable import Ledger

/// `LedgerReader`, what `query`, `shell`, `report` and the other read commands open: it opens what they opened
/// before (a WAL a crashed writer left, with the same refusals) and cannot change the ledger.
@Suite struct LedgerReaderTests {
    static let immutable =
        "the ledger cannot be changed with SQL (events are immutable, projections are rebuilt from them); use adledger's commands"

    /// Spend of ad 111 on 2025-12-01, as `reader` answers it.
    func spend(_ test: TestLedger, _ reader: LedgerReader) throws -> [[String]] {
        try test.rows("SELECT spend FROM meta_ads_performance WHERE meta_ad_id = '111'", ledger: reader)
    }

    @Test func opensAFileAWriterCreatedReadOnly() throws {
        let test = try TestLedger()
        _ = try test.open().ingest(files: [try test.file("p.json", insightPage())], account: nil)
        let reader = try test.reader()
        #expect(reader.connection.mode == .readOnly)
        #expect(try spend(test, reader) == [["10.5"]])
        #expect(try reader.verify().ok)
    }

    /// A crashed writer's ledger as a copy taken while the writer is open: committed transactions only in `-wal`,
    /// no `-shm`, so the next connection must recover the WAL.
    func crashedCopy(of test: TestLedger) throws -> TestLedger {
        let crashed = try TestLedger()
        let writer = try test.open()
        _ = try writer.ingest(files: [try test.file("p.json", insightPage())], account: nil)
        // While the writer is open its WAL is not checkpointed away.
        try FileManager.default.copyItem(atPath: test.path, toPath: crashed.path)
        try FileManager.default.copyItem(atPath: test.path + "-wal", toPath: crashed.path + "-wal")
        let walSize = try FileManager.default.attributesOfItem(atPath: crashed.path + "-wal")[.size] as? Int
        #expect(walSize ?? 0 > 0)
        #expect(!FileManager.default.fileExists(atPath: crashed.path + "-shm"))
        return crashed
    }

    @Test func opensALedgerWhoseWALNeedsRecovery() throws {
        let test = try TestLedger()
        let crashed = try crashedCopy(of: test)
        let reader = try crashed.reader()
        #expect(try spend(crashed, reader) == [["10.5"]])
        #expect(try reader.verify().ok)
        let error = try #require(throws: LedgerError.self) {
            try reader.query("DELETE FROM events", columns: { _ in }, row: { _ in })
        }
        #expect(error == .conflict(Self.immutable))
        #expect(try crashed.rows("SELECT count(*) FROM events", ledger: reader) != [["0"]])
    }

    /// Where a read-only connection cannot recover the WAL, a read-write one recovers it and the reader goes on
    /// read-only: everything reads, as-of and verify included (their temp tables), and nothing writes.
    @Test func afterARecoveryTheReaderIsReadOnlyAndAnswersEverything() throws {
        let test = try TestLedger()
        let crashed = try crashedCopy(of: test)
        let reader = try LedgerReader(connection: try LedgerReader.openRecovering(crashed.path), clock: { Date() })
        #expect(reader.connection.mode == .readOnly)
        #expect(try spend(crashed, reader) == [["10.5"]])
        #expect(try reader.verify().ok)
        #expect(try reader.status().events > 0)
        try reader.setAsOf("2025-12-01")
        #expect(try spend(crashed, reader) == [])
        try reader.setAsOf(nil)
        #expect(throws: LedgerError.readOnly(path: crashed.path)) {
            try reader.connection.execute("DELETE FROM brand_ad_accounts")
        }
        let error = try #require(throws: LedgerError.self) {
            try reader.query("DELETE FROM events", columns: { _ in }, row: { _ in })
        }
        #expect(error == .conflict(Self.immutable))
    }

    @Test func refusesAMissingFileWithTheFix() throws {
        let test = try TestLedger()
        let error = try #require(throws: LedgerError.self) { try test.reader() }
        #expect(
            error
                == .notFound(
                    what: "ledger \(test.path)", hint: "run `adledger init` or `adledger demo`, or pass --db PATH"))
        #expect(
            error.description
                == "ledger \(test.path) not found; run `adledger init` or `adledger demo`, or pass --db PATH")
        #expect(!FileManager.default.fileExists(atPath: test.path))
    }

    @Test func refusesAnEmptyFileWithTheFix() throws {
        let test = try TestLedger()
        #expect(FileManager.default.createFile(atPath: test.path, contents: Data()))
        let error = try #require(throws: LedgerError.self) { try test.reader() }
        #expect(
            error.description
                == "a ledger in \(test.path) (the file is empty) not found; run `adledger init` to create one")
        let size = try FileManager.default.attributesOfItem(atPath: test.path)[.size] as? Int
        #expect(size == 0)
    }

    @Test func refusesADatabaseAnotherProgramWrote() throws {
        let test = try TestLedger()
        do {
            let other = try Connection(path: test.path, mode: .readWrite)
            try other.execute("CREATE TABLE customers(id INTEGER PRIMARY KEY, name TEXT)")
        }
        let error = try #require(throws: LedgerError.self) { try test.reader() }
        #expect(error == .notALedger(path: test.path))
    }

    /// A ledger at an older schema that this process cannot write cannot be upgraded: the reader says how to.
    /// (Root writes any file, so this runs for other users; `ReadCommandTests` covers root through `setpriv`.)
    @Test(.enabled(if: getuid() != 0))
    func refusesAnOlderSchemaItCannotUpgrade() throws {
        let test = try TestLedger()
        try FileManager.default.copyItem(
            atPath: TestLedger.repository.appendingPathComponent("Fixtures/legacy/v1-demo.sqlite").path,
            toPath: test.path)
        chmod(test.path, 0o444)
        let error = try #require(throws: LedgerError.self) { try test.reader() }
        #expect(error.description.contains("is at schema 2, older than this adledger's"))
        #expect(error.description.hasSuffix("to upgrade it"))
    }

    /// A writable ledger at an older schema is upgraded before the reader opens it (the migrations only add).
    @Test func upgradesAWritableOlderSchemaFirst() throws {
        let test = try TestLedger()
        try FileManager.default.copyItem(
            atPath: TestLedger.repository.appendingPathComponent("Fixtures/legacy/v1-demo.sqlite").path,
            toPath: test.path)
        let reader = try test.reader()
        #expect(try reader.connection.scalar("PRAGMA user_version")?.integer == Int64(SchemaFile.latestVersion))
        #expect(try test.rows("SELECT count(*) FROM meta_ads_performance", ledger: reader) == [["560"]])
    }

    @Test(arguments: [
        "DELETE FROM events", "INSERT INTO brand_ad_accounts(brand_id) VALUES ('x')", "DROP TABLE events",
        "UPDATE meta_ads_performance SET spend = 0", "CREATE TABLE t(x)", "PRAGMA user_version = 1",
    ])
    func aWriteStatementThroughTheReaderFailsWithTheSameText(_ sql: String) throws {
        let test = try TestLedger()
        _ = try test.open().ingest(files: [try test.file("p.json", insightPage())], account: nil)
        let reader = try test.reader()
        let error = try #require(throws: LedgerError.self) {
            try reader.query(sql, columns: { _ in }, row: { _ in })
        }
        #expect(error == .conflict(Self.immutable))
        #expect(error.description == Self.immutable)
        #expect(try spend(test, reader) == [["10.5"]])
        #expect(try reader.connection.scalar("PRAGMA user_version")?.integer == Int64(SchemaFile.latestVersion))
    }

    /// A reader in the middle of a query does not hold up a writer's commit, keeps its snapshot to the end of the
    /// statement, and sees the commit in its next one.
    @Test func readsRunWhileAWriterCommits() throws {
        let test = try TestLedger()
        let writer = try test.open(at: "2025-12-15T06:00:00Z")
        for day in 1...3 {
            _ = try writer.ingest(
                files: [try test.file("d\(day).json", insightPage(date: "2025-12-0\(day)"))], account: nil)
        }
        let reader = try test.reader()
        let other = try test.reader()
        var seen: [String] = []
        try reader.query(
            "SELECT date FROM meta_ads_performance ORDER BY date", columns: { _ in },
            row: { row in
                seen.append(row[0].plainText)
                guard seen.count == 1 else { return }
                // Another process commits a restatement and a new day while this statement is half read.
                let later = try test.open(at: "2025-12-16T06:00:00Z")
                _ = try later.ingest(
                    files: [
                        try test.file("r.json", insightPage(date: "2025-12-01", spend: "99.00")),
                        try test.file("d4.json", insightPage(date: "2025-12-04")),
                    ], account: nil)
                // A reader that was idle sees the commit at once.
                #expect(try test.rows("SELECT count(*) FROM meta_ads_performance", ledger: other) == [["4"]])
            })
        #expect(seen == ["2025-12-01", "2025-12-02", "2025-12-03"])
        #expect(
            try test.rows("SELECT date, spend FROM meta_ads_performance ORDER BY date", ledger: reader)
                == [["2025-12-01", "99.0"], ["2025-12-02", "10.5"], ["2025-12-03", "10.5"], ["2025-12-04", "10.5"]])
        #expect(try reader.verify().ok)
        #expect(try reader.status().events == writer.status().events)
    }

    /// Readers on other threads, each with its own reader, while one writer commits page after page: every read
    /// sees a whole number of committed pages, and none is refused as busy.
    @Test func readersOnOtherThreadsWhileAWriterCommits() async throws {
        let test = try TestLedger()
        let path = test.path
        let pages = 20
        let files = try (1...pages).map { day in
            try test.file("p\(day).json", insightPage(date: String(format: "2025-11-%02d", day)))
        }
        _ = try test.open().ingest(files: [files[0]], account: nil)
        let counts = try await withThrowingTaskGroup(of: [Int].self) { group in
            for _ in 0..<3 {
                group.addTask {
                    let reader = try LedgerReader(path: path)
                    var counts: [Int] = []
                    // Bounded, so a writer that fails ends the test instead of hanging it.
                    let deadline = ContinuousClock.now.advanced(by: .seconds(120))
                    while counts.last ?? 0 < pages, ContinuousClock.now < deadline {
                        var count = 0
                        try reader.query(
                            "SELECT count(*) FROM meta_ads_performance", columns: { _ in },
                            row: { count = Int($0[0].integer ?? -1) })
                        counts.append(count)
                        await Task.yield()
                    }
                    return counts
                }
            }
            group.addTask {
                let writer = try Ledger(path: path)
                for file in files.dropFirst() { _ = try writer.ingest(files: [file], account: nil) }
                return []
            }
            var all: [[Int]] = []
            for try await counts in group { all.append(counts) }
            return all
        }
        for series in counts where !series.isEmpty {
            #expect(series == series.sorted(), "a reader went back in time: \(series)")
            #expect(series.allSatisfy { (1...pages).contains($0) })
            #expect(series.last == pages)
        }
    }
}
