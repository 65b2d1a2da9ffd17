/// How a script (standard input, `.read`, the rc file, `-c`) went.
struct ScriptOutcome {
    /// Some line failed.
    var failed = false
    /// The script ended with `.quit`/`.exit CODE`.
    var quit: Int32?

    /// The process exit status: the `.exit` code if given and nothing failed, else 1 after an error.
    var exitStatus: Int32 {
        if failed { return max(1, quit ?? 1) }
        return quit ?? 0
    }
}
