import Foundation
import Testing

/// The read commands open a `LedgerReader`: what users see from them (refusals, error lines) is what they saw when
/// the commands opened a read-only `Ledger`.
@Suite struct ReadCommandTests {
    static let immutable =
        "Error: the ledger cannot be changed with SQL (events are immutable, projections are rebuilt from them); use adledger's commands\n"

    static let readCommands: [[String]] = [
        ["query", "SELECT 1"], ["shell", "-c", "SELECT 1;"], ["report"], ["report", "drift"], ["status"], ["verify"],
        ["history", "111"], ["events"], ["brand", "list"],
        ["export", "table", "meta_ads_performance", "--format", "csv"],
        ["export", "events", "--output", "out.ndjson"],
    ]

    @Test func aWriteStatementIsRefusedWithTheSameLine() throws {
        let bin = try AdledgerBinary()
        #expect(try bin.run(["--db", "l.sqlite", "init"]).status == 0)
        for sql in ["DELETE FROM events", "INSERT INTO brand_ad_accounts(brand_id) VALUES ('x')", "DROP TABLE events"] {
            let query = try bin.run(["--db", "l.sqlite", "query", sql])
            #expect(query.status == 1)
            #expect(query.stderr == Self.immutable, "\(sql): \(query.stderr)")
            let asOf = try bin.run(["--db", "l.sqlite", "query", sql, "--as-of", "2025-12-01"])
            #expect(asOf.stderr == Self.immutable, "\(sql) as of: \(asOf.stderr)")
            let shell = try bin.run(["--db", "l.sqlite", "shell", "-c", "\(sql);"])
            #expect(shell.status == 1)
            #expect(shell.stderr.contains("cannot be changed with SQL"), "\(sql): \(shell.stderr)")
        }
        let count = try bin.run(["--db", "l.sqlite", "query", "SELECT count(*) AS n FROM events", "--format", "csv"])
        // `init` records no event, and no refused statement added or removed one.
        #expect(count.stdout == "n\n0\n", "\(count.stdout)")
    }

    @Test func everyReadCommandRefusesAMissingLedgerAndCreatesNone() throws {
        let bin = try AdledgerBinary()
        for command in Self.readCommands {
            let result = try bin.run(["--db", "l.sqlite"] + command)
            #expect(result.status == 1, "\(command)")
            #expect(
                result.stderr
                    == "Error: ledger l.sqlite not found; run `adledger init` or `adledger demo`, or pass --db PATH\n",
                "\(command): \(result.stderr)")
            #expect(!FileManager.default.fileExists(atPath: bin.path("l.sqlite")), "\(command)")
        }
    }

    @Test func everyReadCommandRefusesAnEmptyFile() throws {
        let bin = try AdledgerBinary()
        #expect(FileManager.default.createFile(atPath: bin.path("l.sqlite"), contents: Data()))
        for command in Self.readCommands {
            let result = try bin.run(["--db", "l.sqlite"] + command)
            #expect(result.status == 1, "\(command)")
            #expect(
                result.stderr
                    == "Error: a ledger in l.sqlite (the file is empty) not found; run `adledger init` to create one\n",
                "\(command): \(result.stderr)")
        }
    }

    /// A ledger at an older schema that the user cannot write: a read command cannot upgrade it and says how to.
    /// Root writes any file, so as root the command runs as `nobody` through `setpriv`.
    @Test(.enabled(if: getuid() != 0 || FileManager.default.isExecutableFile(atPath: "/usr/bin/setpriv")))
    func aReadCommandOnAnOlderLedgerItCannotWriteNamesTheUpgrade() throws {
        let bin = try AdledgerBinary()
        let db = bin.path("v1.sqlite")
        try FileManager.default.copyItem(
            atPath: AdledgerBinary.repository.appendingPathComponent("Fixtures/legacy/v1-demo.sqlite").path, toPath: db)
        chmod(bin.directory.path, 0o777)  // the reader may still make the -shm beside it
        chmod(db, 0o444)
        for command in [["query", "SELECT 1"], ["status"], ["report"]] {
            let process = Process()
            let arguments = ["--db", db] + command
            if getuid() == 0 {
                process.executableURL = URL(fileURLWithPath: "/usr/bin/setpriv")
                process.arguments =
                    ["--reuid=65534", "--regid=65534", "--clear-groups", try AdledgerBinary.executable.path] + arguments
            } else {
                process.executableURL = try AdledgerBinary.executable
                process.arguments = arguments
            }
            process.currentDirectoryURL = bin.directory
            process.environment = AdledgerBinary.childEnvironment(inherited: bin.inherited, set: bin.environment)
            let result = try AdledgerBinary.runToEnd(process)
            #expect(result.status == 1, "\(command): \(result.stdout)")
            #expect(
                result.stderr.hasPrefix("Error: ledger \(db) is at schema 2, older than this adledger's ")
                    && result.stderr.hasSuffix("to upgrade it\n"),
                "\(command): \(result.stderr)")
        }
    }
}
