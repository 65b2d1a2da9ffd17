import Foundation
import Testing

@testable import Ledger

@Suite struct SchemaTests {
    @Test func carriedSchemaMatchesTheSchemaFolder() throws {
        let folder = TestLedger.repository.appendingPathComponent("schema")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".sql") }.sorted()
        #expect(files == SchemaFile.all.map(\.name))
        for file in SchemaFile.all {
            let onDisk = try String(contentsOf: folder.appendingPathComponent(file.name), encoding: .utf8)
            #expect(onDisk == file.sql, "the binary's copy of \(file.name) differs from schema/")
        }
        #expect(SchemaFile.all.map(\.version) == Array(1...SchemaFile.all.count))
    }

    @Test func newLedgerRecordsItsSchemaVersion() throws {
        let test = try TestLedger()
        let ledger = try test.open()
        let rows = try ledger.connection.rows("SELECT version, name FROM schema_migrations ORDER BY version")
        #expect(rows.map { $0[1].plainText } == SchemaFile.all.map(\.name))
        #expect(try ledger.connection.scalar("PRAGMA user_version")?.integer == Int64(SchemaFile.latestVersion))
        #expect(try ledger.connection.scalar("PRAGMA journal_mode")?.text == "wal")
        #expect(try ledger.connection.scalar("PRAGMA page_size")?.integer == 8_192)
    }

    @Test func refusesADatabaseAnotherProgramWrote() throws {
        let test = try TestLedger()
        do {
            let other = try Connection(path: test.path, mode: .readWrite)
            try other.execute("CREATE TABLE customers(id INTEGER PRIMARY KEY, name TEXT)")
        }
        let error = try #require(throws: LedgerError.self) { try test.open() }
        #expect(error == .notALedger(path: test.path))
        #expect(error.description.contains("not an adledger ledger"))
    }

    @Test func refusesANewerSchema() throws {
        let test = try TestLedger()
        do {
            let ledger = try test.open()
            try ledger.connection.execute("PRAGMA user_version = 99")
        }
        let error = try #require(throws: LedgerError.self) { try test.open() }
        #expect(error == .newerSchema(path: test.path, found: 99, known: SchemaFile.latestVersion))
        #expect(error.description.contains("upgrade adledger"))
    }

    @Test func refusesAFileThatIsNotSQLite() throws {
        let test = try TestLedger()
        try Data("this is not a database, just text that is long enough to look like a header".utf8)
            .write(to: URL(fileURLWithPath: test.path))
        #expect(throws: LedgerError.self) { try test.open() }
    }

    @Test func readOnlyOpenOfAMissingFileNamesTheFix() throws {
        let test = try TestLedger()
        let error = try #require(throws: LedgerError.self) { try test.reader() }
        #expect(error.description.contains("adledger init"))
    }
}
