import Foundation

/// Runs a program with stdin and stdout on /dev/null and measures it from outside.
enum Spawn {
    /// Wall-clock seconds and the child's peak RSS in MB; throws if it cannot start or exits non-zero.
    static func measure(_ argv: [String]) throws -> (seconds: Double, peakMegabytes: Double) {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        let cArgs = argv.map { strdup($0) } + [nil]
        defer { for arg in cArgs { free(arg) } }
        var pid: pid_t = 0
        let start = DispatchTime.now().uptimeNanoseconds
        guard posix_spawn(&pid, argv[0], &actions, nil, cArgs, environ) == 0 else { throw CocoaError(.executableLoad) }
        var status: Int32 = 0
        var usage = rusage()
        wait4(pid, &status, 0, &usage)
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        guard status == 0 else { throw CocoaError(.executableRuntimeMismatch) }
        return (seconds, Double(usage.ru_maxrss) / 1024)
    }
}
