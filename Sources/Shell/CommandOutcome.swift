/// How one line or dot-command went.
enum CommandOutcome: Equatable {
    case success
    /// An error, already reported.
    case failure
    /// `.quit` or `.exit CODE`.
    case quit(Int32)
}
