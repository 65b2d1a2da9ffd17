import Foundation
import Testing

/// `adledger compact` on the ledger the previous release wrote (`Fixtures/legacy/v1-demo.sqlite`).
@Suite struct CompactCommandTests {
    func csv(_ bin: AdledgerBinary, _ sql: String) throws -> String {
        let result = try bin.run(["--db", "l.sqlite", "query", sql, "--format", "csv"])
        #expect(result.status == 0, "\(result.stderr)")
        return result.stdout
    }

    static let chainSQL = "SELECT seq, lower(hex(payload_hash)), lower(hex(hash)), typeof(hash) FROM events ORDER BY seq"
    static let answersSQL =
        "SELECT meta_ad_id, date, spend, purchases, revisions, fetched_at FROM meta_ads_performance ORDER BY meta_ad_id, date"

    /// Every event's hashes as hex, whichever way the file stores them.
    func chain(_ bin: AdledgerBinary) throws -> [String] {
        try csv(bin, Self.chainSQL).split(separator: "\n").dropFirst().map { line in
            let fields = line.split(separator: ",").map(String.init)
            // A hex-text hash's hex() is the hex of its text: decode it back to the hash itself.
            func hash(_ field: String) -> String {
                fields[3] == "blob" ? field : String(decoding: stride(from: 0, to: field.count, by: 2).map { index in
                    UInt8(field.dropFirst(index).prefix(2), radix: 16) ?? 0
                }, as: UTF8.self)
            }
            return "\(fields[0]) \(hash(fields[1])) \(hash(fields[2]))"
        }
    }

    @Test func aKillDuringCompactLeavesTheSourceWhole() throws {
        let bin = try AdledgerBinary()
        try FileManager.default.copyItem(
            atPath: AdledgerBinary.repository.appendingPathComponent("Fixtures/legacy/v1-demo.sqlite").path,
            toPath: bin.path("l.sqlite"))
        // The old release's projections lack normalizer 2's columns until a rebuild computes them from the log.
        let rebuilt = try bin.run(["--db", "l.sqlite", "rebuild"])
        #expect(rebuilt.status == 0, "\(rebuilt.stderr)")
        let verified = try bin.run(["--db", "l.sqlite", "verify"])
        #expect(verified.status == 0, "\(verified.stderr)")
        let chainBefore = try chain(bin)
        #expect(chainBefore.count == 834)
        let answersBefore = try csv(bin, Self.answersSQL)
        for delay in [0.05, 0.2, 0.5, 1.0] {
            let process = Process()
            process.executableURL = try AdledgerBinary.executable
            process.arguments = ["--db", "l.sqlite", "compact"]
            process.currentDirectoryURL = bin.directory
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            usleep(useconds_t(delay * 1_000_000))
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            let after = try bin.run(["--db", "l.sqlite", "verify"])
            #expect(after.status == 0, "after a kill at \(delay) s: \(after.stderr)")
            #expect(try chain(bin) == chainBefore, "after a kill at \(delay) s")
            #expect(try csv(bin, Self.answersSQL) == answersBefore, "after a kill at \(delay) s")
        }
        let compacted = try bin.run(["--db", "l.sqlite", "compact"])
        #expect(compacted.status == 0, "\(compacted.stderr)")
        #expect(compacted.stdout.contains("compacted 834 events"), "\(compacted.stdout)")
        #expect(try chain(bin) == chainBefore)
        #expect(try csv(bin, "SELECT DISTINCT typeof(hash) FROM events") == "typeof(hash)\nblob\n")
        #expect(try csv(bin, Self.answersSQL) == answersBefore)
        #expect(try bin.run(["--db", "l.sqlite", "verify"]).status == 0)
        #expect(!FileManager.default.fileExists(atPath: bin.path("l.sqlite.compacting")))
    }
}
