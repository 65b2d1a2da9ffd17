#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Why a result was not shown through the pager (it is then printed directly).
package enum PagerFailure: Error, CustomStringConvertible, Equatable {
    /// The shell is not in the terminal's foreground, so a pager could not read keys from it.
    case notInForeground
    /// `pipe` or `posix_spawn` failed with this `errno` (a missing program is `ENOENT`).
    case cannotStart(code: Int32)
    /// The pager exited with this non-zero status (127 from `/bin/sh`: command not found).
    case exited(status: Int32)
    /// The pager was stopped by this signal (SIGTTIN/SIGTTOU: it could not use the terminal; not Ctrl-Z's
    /// SIGTSTP, which is waited out) and was killed.
    case stopped(signal: Int32)

    package var description: String {
        switch self {
        case .notInForeground:
            "the shell is not in the terminal's foreground"
        case .cannotStart(let code):
            "it could not start (\(String(cString: strerror(code))))"
        case .exited(let status):
            status == 127 ? "it exited with status 127 (command not found)" : "it exited with status \(status)"
        case .stopped(let signal):
            "it was stopped (signal \(signal)) and has been ended"
        }
    }
}
