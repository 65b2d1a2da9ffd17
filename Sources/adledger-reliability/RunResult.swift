/// How a child process ended and what it printed.
struct RunResult {
    let status: Int32
    /// Ended by a signal (`status` is then the signal number).
    let signaled: Bool
    /// Killed by the campaign after its deadline.
    let timedOut: Bool
    let stdout: String
    let stderr: String
    let seconds: Double

    var ok: Bool { !signaled && !timedOut && status == 0 }

    /// The stderr lines that are not empty.
    var stderrLines: [Substring] { stderr.split(separator: "\n", omittingEmptySubsequences: true) }

    /// A short description for failure lists.
    var summary: String {
        let how = timedOut ? "timed out" : signaled ? "killed by signal \(status)" : "exit \(status)"
        let first = stderrLines.first.map { String($0.prefix(200)) } ?? ""
        return "\(how) \(first)"
    }
}
