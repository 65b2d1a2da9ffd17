import Foundation

/// Runs a program as a child and measures it from outside: exit status, wall and CPU seconds, and its own peak RSS.
///
/// The child is started by a small helper process, which reports the child's `wait4` usage back on a pipe. Linux
/// starts a child's peak RSS at the peak of the process it was started from (`posix_spawn` and `fork` alike), so a
/// child started straight from this process, large after an ingest, would report at least this process's size.
/// Started from the helper, it reports at least the helper's: 5 MB for `adledger-spawn` (C, built beside this
/// binary by `swift build`), 23 MB for this binary in its `spawn-helper` mode, the fallback when that is missing.
enum Spawn {
    struct Run {
        var status: Int32
        var seconds: Double
        var cpu: Double
        var peakMegabytes: Double
    }

    /// `adledger-spawn` beside this binary, if it was built.
    private static let spawnBinary: String? = {
        let path = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().deletingLastPathComponent()
            .appendingPathComponent("adledger-spawn").path
        return FileManager.default.isExecutableFile(atPath: path) ? path : nil
    }()

    /// Where the helper writes its report.
    private static let reportDescriptor: Int32 = 3

    /// Runs `argv` (an absolute path first) to its end with `environment` added to this process's; stdin on
    /// /dev/null, stdout too unless `showsOutput`.
    static func run(_ argv: [String], environment extra: [String: String] = [:], showsOutput: Bool = false) throws -> Run {
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
        let helper = (Self.spawnBinary.map { [$0] } ?? ["/proc/self/exe", "spawn-helper"]) + argv
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

    /// The helper's side (`adledger-bench spawn-helper PROGRAM ARGUMENTS…`, what `adledger-spawn` does): starts the
    /// program with this process's descriptors, waits for it, and writes `status wall cpu peak-KB` to the report
    /// descriptor.
    static func helperMain(_ argv: [String]) -> Never {
        let cArgs = argv.map { strdup($0) } + [nil]
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        posix_spawn_file_actions_addclose(&actions, reportDescriptor)
        var pid: pid_t = 0
        let start = DispatchTime.now().uptimeNanoseconds
        guard !argv.isEmpty, posix_spawn(&pid, argv[0], &actions, nil, cArgs, environ) == 0 else { exit(127) }
        var status: Int32 = 0
        var usage = rusage()
        wait4(pid, &status, 0, &usage)
        let wall = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        func seconds(_ time: timeval) -> Double { Double(time.tv_sec) + Double(time.tv_usec) / 1e6 }
        let exitStatus = (status & 0x7F) == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
        let line = String(
            format: "%d %.6f %.6f %ld", exitStatus, wall, seconds(usage.ru_utime) + seconds(usage.ru_stime),
            usage.ru_maxrss)
        _ = line.withCString { write(reportDescriptor, $0, strlen($0)) }
        exit(0)
    }
}
