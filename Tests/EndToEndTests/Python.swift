import Foundation
import Testing

/// Runs `python3` (with DuckDB where a test needs it: `make test` installs it) for checks done the way a
/// user downstream would do them.
enum Python {
    typealias Result = AdledgerBinary.Result

    /// Runs `python3 -c script arguments…` in `directory`.
    static func run(_ script: String, arguments: [String] = [], in directory: URL) throws -> Result {
        try run(["-c", script] + arguments, in: directory)
    }

    /// Runs the repository's script `Scripts/<name>` with `arguments`.
    static func runScript(_ name: String, arguments: [String], in directory: URL) throws -> Result {
        let script = AdledgerBinary.repository.appendingPathComponent("Scripts").appendingPathComponent(name).path
        return try run([script] + arguments, in: directory)
    }

    /// Fails the test, naming the fix, when DuckDB's Python package is missing.
    static func requireDuckDB() throws {
        let probe = try run("import duckdb", in: FileManager.default.temporaryDirectory)
        try #require(
            probe.status == 0, "DuckDB for Python is missing: run `python3 -m pip install duckdb` (make test does)")
    }

    private static func run(_ arguments: [String], in directory: URL) throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3"] + arguments
        process.currentDirectoryURL = directory
        return try AdledgerBinary.runToEnd(process)
    }
}
