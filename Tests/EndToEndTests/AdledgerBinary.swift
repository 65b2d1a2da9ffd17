import Foundation
import TestSupport
import Testing

/// Runs the built `adledger` binary (beside the test bundle) in a scratch directory.
struct AdledgerBinary {
    struct Result {
        let status: Int32
        let stdout: String
        let stderr: String
    }

    let directory: URL
    /// Variables set for the child, over `inherited` without its `ADLEDGER_*` and `META_*`.
    var environment: [String: String] = [:]
    /// The environment the child starts from: this process's, unless a test stands in another.
    var inherited = ProcessInfo.processInfo.environment

    init() throws {
        directory = try ScratchDirectory.make("adledger-e2e")
        environment["ADLEDGER_FIXTURES"] = Self.repository.appendingPathComponent("Fixtures").path
    }

    static let repository = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    static var executable: URL {
        get throws {
            let url = Bundle.main.bundleURL.appendingPathComponent("adledger")
            try #require(FileManager.default.isExecutableFile(atPath: url.path), "build the adledger binary first: \(url.path)")
            return url
        }
    }

    /// Runs `adledger arguments…`, reading both pipes before waiting so large outputs never block.
    @discardableResult
    func run(_ arguments: [String], stdin: String? = nil, extraEnvironment: [String: String] = [:]) throws -> Result {
        let process = Process()
        process.executableURL = try Self.executable
        process.arguments = arguments
        process.currentDirectoryURL = directory
        process.environment = Self.childEnvironment(inherited: inherited, set: environment.merging(extraEnvironment) { $1 })
        return try Self.runToEnd(process, stdin: stdin)
    }

    /// Runs a configured `process` to its end with `stdin` as its input, reading both pipes before waiting.
    static func runToEnd(_ process: Process, stdin: String? = nil) throws -> Result {
        let out = Pipe()
        let err = Pipe()
        let input = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = input
        try process.run()
        if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
        try input.fileHandleForWriting.close()
        let errorData = ErrorCollector(err.fileHandleForReading)
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(
            status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
            stderr: String(decoding: errorData.finish(), as: UTF8.self))
    }

    /// Starts `adledger arguments…` without waiting, its output into files `<label>.out`/`<label>.err` in the
    /// directory (no pipe to fill); the caller waits for it or kills it.
    func start(_ arguments: [String], label: String, extraEnvironment: [String: String] = [:]) throws -> Process {
        let process = Process()
        process.executableURL = try Self.executable
        process.arguments = arguments
        process.currentDirectoryURL = directory
        process.environment = Self.childEnvironment(inherited: inherited, set: environment.merging(extraEnvironment) { $1 })
        _ = FileManager.default.createFile(atPath: path("\(label).out"), contents: nil)
        _ = FileManager.default.createFile(atPath: path("\(label).err"), contents: nil)
        process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: path("\(label).out")))
        process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: path("\(label).err")))
        process.standardInput = FileHandle.nullDevice
        try process.run()
        return process
    }

    /// What a process from ``start(_:label:extraEnvironment:)`` wrote to stderr.
    func errors(_ label: String) -> String {
        (try? String(contentsOfFile: path("\(label).err"), encoding: .utf8)) ?? ""
    }

    /// `inherited` without any `ADLEDGER_*` or `META_*` variable (a token or base URL exported on the machine
    /// must never reach Meta from a test), then `set` over it.
    static func childEnvironment(inherited: [String: String], set: [String: String]) -> [String: String] {
        inherited.filter { !$0.key.hasPrefix("ADLEDGER_") && !$0.key.hasPrefix("META_") }.merging(set) { $1 }
    }

    func path(_ name: String) -> String { directory.appendingPathComponent(name).path }

    func write(_ name: String, _ text: String) throws -> String {
        try text.write(toFile: path(name), atomically: false, encoding: .utf8)
        return path(name)
    }

    /// Parses `query --format json` output.
    static func json(_ text: String) throws -> [[String: Any]] {
        let value = try JSONSerialization.jsonObject(with: Data(text.utf8))
        return try #require(value as? [[String: Any]])
    }
}

/// Drains a pipe on another thread so a full stderr never blocks the child.
final class ErrorCollector: @unchecked Sendable {
    // @unchecked: `data` is written by the reading thread only before `done` is signalled, and read after.
    private var data = Data()
    private let done = DispatchSemaphore(value: 0)

    init(_ handle: FileHandle) {
        Thread.detachNewThread { [self] in
            data = handle.readDataToEndOfFile()
            done.signal()
        }
    }

    func finish() -> Data {
        done.wait()
        return data
    }
}
