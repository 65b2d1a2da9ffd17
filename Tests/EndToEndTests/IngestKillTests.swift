import Foundation
import Testing

/// An ingest SIGKILLed while it appends file after file (each commit checkpointed beside the writer by another
/// connection) keeps every file it committed whole and nothing of the one in flight; `verify` passes, and running
/// the same ingest again adds exactly what was missing.
@Suite struct IngestKillTests {
    static let files = 30
    static let rowsPerFile = 1_500

    private static func page(_ file: Int) -> String {
        let rows = (0..<rowsPerFile).map { i in
            let date = "2025-\(i % 12 < 9 ? "0" : "")\(1 + i % 12)-\(10 + i / 12 % 18)"
            return """
                {"account_id":"42","ad_id":"\(100_000 * (file + 1) + i / 216)","date_start":"\(date)",\
                "date_stop":"\(date)","spend":"\(i % 97).25","impressions":"\(100 + i)"}
                """
        }
        return "{\"data\":[" + rows.joined(separator: ",") + "]}"
    }

    /// The ledger's insight events; nil while it cannot be read (not created yet).
    private func insightEvents(_ bin: AdledgerBinary) throws -> Int? {
        let result = try bin.run([
            "--db", "killed.sqlite", "query", "SELECT count(*) AS n FROM events WHERE kind = 'insight.fetched'",
            "--format", "csv",
        ])
        return Int(result.stdout.split(separator: "\n").last ?? "")
    }

    @Test func aKilledIngestKeepsWholeFilesAndTheRerunCompletesIt() throws {
        let bin = try AdledgerBinary()
        let paths = try (0..<Self.files).map { try bin.write("page-\($0).json", Self.page($0)) }
        let process = try bin.start(["--db", "killed.sqlite", "ingest"] + paths, label: "ingest")
        // Kill once a few files are committed (bounded: a loaded machine commits slowly).
        let deadline = Date().addingTimeInterval(60)
        while process.isRunning, Date() < deadline, (try insightEvents(bin)) ?? 0 < 3 * Self.rowsPerFile {
            usleep(20_000)
        }
        #expect(process.isRunning, "the ingest ended before it was killed: \(bin.errors("ingest"))")
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()

        let committed = try #require(try insightEvents(bin))
        #expect(committed >= 3 * Self.rowsPerFile && committed % Self.rowsPerFile == 0, "\(committed) rows")
        #expect(try bin.run(["--db", "killed.sqlite", "verify"]).status == 0)
        let rerun = try bin.run(["--db", "killed.sqlite", "ingest"] + paths)
        #expect(rerun.status == 0, "\(rerun.stderr)")
        #expect(rerun.stdout.contains("\(Self.files * Self.rowsPerFile - committed) new"), "\(rerun.stdout)")
        #expect(try insightEvents(bin) == Self.files * Self.rowsPerFile)
        #expect(try bin.run(["--db", "killed.sqlite", "verify"]).status == 0)
    }
}
