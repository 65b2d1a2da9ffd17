import Foundation

/// Runs a program as a child and measures it from outside: exit status, wall and CPU seconds, and its own peak RSS.
///
/// The child is started by a small helper process, which reports the child's `wait4` usage back on a pipe. Linux
/// starts a child's peak RSS at the peak of the process it was started from (`posix_spawn` and `fork` alike), so a
/// child started straight from this process, large after an ingest, would report at least this process's size.
/// Started from the helper, `adledger-spawn` (C, built beside this binary by `swift build`), it reports at least the
/// helper's 5 MB. The bench itself, a Swift program, would be a 23 MB floor.
enum Spawn {
    struct Run {
        var status: Int32
        var seconds: Double
        var cpu: Double
        var peakMegabytes: Double
    }

    /// The error when `adledger-spawn` is not beside this binary: names the path and how to build it.
    struct Missing: Error, CustomStringConvertible {
        let path: String
        var description: String { "\(path) is missing: build every product beside the bench (make release)" }
    }

    /// The path of `name` in this binary's directory, where `swift build` puts every product.
    static func beside(_ name: String) -> String {
        URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().deletingLastPathComponent()
            .appendingPathComponent(name).path
    }

    /// Whether `adledger-spawn` and every program of `names` are beside this binary.
    static func canRun(_ names: String...) -> Bool {
        (["adledger-spawn"] + names).allSatisfy { FileManager.default.isExecutableFile(atPath: beside($0)) }
    }

    /// Where the helper writes its report.
    private static let reportDescriptor: Int32 = 3

    /// Runs `argv` (an absolute path first) to its end with `environment` added to this process's; stdin on
    /// /dev/null, stdout too unless `showsOutput`.
    static func run(_ argv: [String], environment extra: [String: String] = [:], showsOutput: Bool = false) throws -> Run {
        let helper = [beside("adledger-spawn")] + argv
        guard FileManager.default.isExecutableFile(atPath: helper[0]) else { throw Missing(path: helper[0]) }
        var pipe: [Int32] = [0, 0]
        guard Glibc.pipe(&pipe) == 0 else { throw CocoaError(.fileWriteUnknown) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        if !showsOutput { posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0) }
        // The read end first: it may be the report's descriptor number, which the dup2 then takes.
        posix_spawn_file_actions_addclose(&actions, pipe[0])
        posix_spawn_file_actions_adddup2(&actions, pipe[1], reportDescriptor)
        if pipe[1] != reportDescriptor { posix_spawn_file_actions_addclose(&actions, pipe[1]) }
        let environment = ProcessInfo.processInfo.environment.merging(extra) { $1 }
        let cArgs = helper.map { strdup($0) } + [nil]
        let cEnvironment = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            cArgs.forEach { free($0) }
            cEnvironment.forEach { free($0) }
        }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, helper[0], &actions, nil, cArgs, cEnvironment)
        close(pipe[1])
        defer { close(pipe[0]) }
        guard spawned == 0 else { throw CocoaError(.executableLoad) }
        var report = Data()
        var buffer = [UInt8](repeating: 0, count: 256)
        while true {
            let count = read(pipe[0], &buffer, buffer.count)
            if count <= 0 { break }
            report.append(contentsOf: buffer[0..<count])
        }
        var status: Int32 = 0
        waitpid(pid, &status, 0)
        let fields = String(decoding: report, as: UTF8.self).split(separator: " ").compactMap { Double($0) }
        guard fields.count == 4 else { throw CocoaError(.executableRuntimeMismatch) }
        return Run(status: Int32(fields[0]), seconds: fields[1], cpu: fields[2], peakMegabytes: fields[3] / 1024)
    }

    /// Runs `run` and throws unless the program exits with 0.
    static func measure(_ argv: [String]) throws -> Run {
        let run = try run(argv)
        guard run.status == 0 else { throw CocoaError(.executableRuntimeMismatch) }
        return run
    }
}
