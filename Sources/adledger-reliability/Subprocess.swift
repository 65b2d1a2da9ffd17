import Foundation
import TestSupport

/// One child process with stdout and stderr going to files (so nothing blocks on a full pipe, and the
/// secret scan sees every byte the child printed), started now and waited for with a deadline.
final class Subprocess {
    let process = Process()
    let stdoutURL: URL
    let stderrURL: URL
    private(set) var started = Date()

    /// - Parameter input: the child's standard input; nil for `/dev/null`.
    init(
        executable: URL, arguments: [String], environment: [String: String], directory: URL, outputs: URL,
        input: Pipe? = nil
    ) throws {
        stdoutURL = outputs.appendingPathExtension("out")
        stderrURL = outputs.appendingPathExtension("err")
        _ = FileManager.default.createFile(atPath: stdoutURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: stderrURL.path, contents: nil)
        process.executableURL = executable
        process.arguments = arguments
        process.environment = environment
        process.currentDirectoryURL = directory
        process.standardInput = input ?? FileHandle.nullDevice
        process.standardOutput = try FileHandle(forWritingTo: stdoutURL)
        process.standardError = try FileHandle(forWritingTo: stderrURL)
    }

    func start() throws {
        started = Date()
        try process.run()
    }

    var pid: Int32 { process.processIdentifier }

    /// Sends `signal` if the child is still running; true when it was.
    @discardableResult
    func kill(_ signal: Int32 = SIGKILL) -> Bool {
        guard process.isRunning else { return false }
        return Glibc.kill(pid, signal) == 0
    }

    /// Waits until the child ends, killing it (SIGKILL) after `timeout` seconds.
    func wait(timeout: Double) -> RunResult {
        let deadline = started.addingTimeInterval(timeout)
        var timedOut = false
        while process.isRunning {
            if Date() > deadline {
                timedOut = true
                Glibc.kill(pid, SIGKILL)
                break
            }
            usleep(2_000)
        }
        process.waitUntilExit()
        (process.standardOutput as? FileHandle).map { try? $0.close() }
        (process.standardError as? FileHandle).map { try? $0.close() }
        let out = (try? Data(contentsOf: stdoutURL)) ?? Data()
        let err = (try? Data(contentsOf: stderrURL)) ?? Data()
        return RunResult(
            status: process.terminationStatus, signaled: process.terminationReason == .uncaughtSignal,
            timedOut: timedOut, stdout: String(decoding: out, as: UTF8.self), stderr: String(decoding: err, as: UTF8.self),
            seconds: Date().timeIntervalSince(started))
    }
}
