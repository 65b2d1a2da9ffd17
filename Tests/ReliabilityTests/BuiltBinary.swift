import Foundation
import Testing

/// Runs a program built beside the test bundle (`adledger`, `adledger-reliability`), output to files so a
/// large output never blocks, with a deadline.
struct BuiltBinary {
    struct Result {
        let status: Int32
        let signaled: Bool
        let stdout: String
        let stderr: String
        let seconds: Double
    }

    let url: URL

    init(_ name: String) throws {
        url = Bundle.main.bundleURL.appendingPathComponent(name)
        try #require(FileManager.default.isExecutableFile(atPath: url.path), "build \(name) first: \(url.path)")
    }

    /// Starts `arguments` in `directory` with `environment` added to a clean copy of this process's.
    func start(_ arguments: [String], in directory: URL, environment: [String: String] = [:], via launcher: [String] = []) throws
        -> (Process, URL)
    {
        let process = Process()
        process.executableURL = launcher.isEmpty ? url : URL(fileURLWithPath: launcher[0])
        process.arguments = launcher.isEmpty ? arguments : Array(launcher.dropFirst()) + [url.path] + arguments
        process.currentDirectoryURL = directory
        var env = ProcessInfo.processInfo.environment
        for key in env.keys where key.hasPrefix("ADLEDGER_") || key.hasPrefix("META_") { env[key] = nil }
        process.environment = env.merging(environment) { $1 }
        let output = directory.appendingPathComponent("output-\(UUID().uuidString)")
        _ = FileManager.default.createFile(atPath: output.path + ".out", contents: nil)
        _ = FileManager.default.createFile(atPath: output.path + ".err", contents: nil)
        process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: output.path + ".out"))
        process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: output.path + ".err"))
        process.standardInput = FileHandle.nullDevice
        try process.run()
        return (process, output)
    }

    /// Waits for a started process (SIGKILL after `timeout` seconds) and reads what it printed.
    static func finish(_ started: (Process, URL), timeout: Double, since: Date = Date()) -> Result {
        let (process, output) = started
        let deadline = since.addingTimeInterval(timeout)
        while process.isRunning && Date() < deadline { usleep(5_000) }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
        let out = (try? String(contentsOfFile: output.path + ".out", encoding: .utf8)) ?? ""
        let err = (try? String(contentsOfFile: output.path + ".err", encoding: .utf8)) ?? ""
        try? FileManager.default.removeItem(atPath: output.path + ".out")
        try? FileManager.default.removeItem(atPath: output.path + ".err")
        return Result(
            status: process.terminationStatus, signaled: process.terminationReason == .uncaughtSignal, stdout: out, stderr: err,
            seconds: Date().timeIntervalSince(since))
    }

    @discardableResult
    func run(_ arguments: [String], in directory: URL, environment: [String: String] = [:], via launcher: [String] = [],
             timeout: Double = 120) throws -> Result
    {
        let began = Date()
        return Self.finish(try start(arguments, in: directory, environment: environment, via: launcher), timeout: timeout, since: began)
    }

    /// A fresh scratch directory.
    static func scratch() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("adledger-rel-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}
