import Foundation
import TestSupport

/// A scenario's scratch directory and the way it runs the `adledger` binary there: every run's output is
/// kept in the directory (for the secret scan), and every run has a deadline.
final class Workspace {
    static let token = "EAArelTOKENsecretZZ0123456789abcdef"
    static let now = "2025-12-08T12:00:00Z"

    let directory: URL
    let adledger: URL
    var environment: [String: String]
    private var runs = 0
    /// Every output a run produced, for the secret scan.
    private(set) var outputs: [RunResult] = []

    init(root: URL, name: String, adledger: URL) throws {
        directory = root.appendingPathComponent(name)
        try? FileManager.default.removeItem(at: directory)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        self.adledger = adledger
        var env = ProcessInfo.processInfo.environment
        for key in env.keys where key.hasPrefix("ADLEDGER_") || key.hasPrefix("META_") { env[key] = nil }
        env["ADLEDGER_NOW"] = Self.now
        env["ADLEDGER_LOG_LEVEL"] = "info"
        self.environment = env
    }

    func path(_ name: String) -> String { directory.appendingPathComponent(name).path }

    /// A started `adledger arguments…` (not waited for).
    func spawn(_ arguments: [String], extraEnvironment: [String: String] = [:], input: Pipe? = nil) throws -> Subprocess {
        runs += 1
        let process = try Subprocess(
            executable: adledger, arguments: arguments, environment: environment.merging(extraEnvironment) { $1 },
            directory: directory, outputs: directory.appendingPathComponent(String(format: "run-%05d", runs)),
            input: input)
        try process.start()
        return process
    }

    /// Starts `adledger arguments…`, sends it SIGKILL after `delay` seconds and waits for it; true when the
    /// kill landed while it was still running.
    func killMidRun(_ arguments: [String], after delay: Double, timeout: Double) throws -> Bool {
        let process = try spawn(arguments)
        usleep(useconds_t(delay * 1_000_000))
        let killed = process.kill(SIGKILL)
        record(process.wait(timeout: timeout))
        return killed
    }

    /// Runs `adledger arguments…` to the end (or its deadline).
    @discardableResult
    func run(_ arguments: [String], timeout: Double = 60, extraEnvironment: [String: String] = [:]) throws -> RunResult {
        let result = try spawn(arguments, extraEnvironment: extraEnvironment).wait(timeout: timeout)
        record(result)
        return result
    }

    func record(_ result: RunResult) { outputs.append(result) }

    /// `query SQL --format csv` on `db`, the rows without the header; throws when the query fails.
    func query(_ db: String, _ sql: String) throws -> [String] {
        let result = try run(["--db", db, "query", sql, "--format", "csv"])
        guard result.ok else { throw CampaignError.setup("query failed on \(db): \(result.summary) — \(sql)") }
        return Array(result.stdout.split(separator: "\n", omittingEmptySubsequences: true).dropFirst().map(String.init))
    }

    /// One integer from `query`.
    func count(_ db: String, _ sql: String) throws -> Int {
        guard let line = try query(db, sql).first, let value = Int(line) else {
            throw CampaignError.setup("query gave no integer: \(sql)")
        }
        return value
    }

    /// `verify` on `db`.
    func verify(_ db: String) throws -> RunResult { try run(["--db", db, "verify"], timeout: 120) }

    /// `(seq, hash)` of every event, in order.
    func chain(_ db: String) throws -> [String] { try query(db, "SELECT seq, hex(hash) FROM events ORDER BY seq") }

    /// Removes the directory unless asked to keep it.
    func finish(keep: Bool) {
        if !keep { try? FileManager.default.removeItem(at: directory) }
    }
}
