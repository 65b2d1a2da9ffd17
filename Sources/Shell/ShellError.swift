import Ledger

/// Why a shell command failed. Each description is one line: what failed; what to do.
package enum ShellError: Error, CustomStringConvertible, Equatable {
    /// A dot-command the shell does not know.
    case unknownCommand(String)
    /// A dot-command given the wrong arguments; carries its usage line.
    case usage(command: String, usage: String)
    /// A file named in `.read`, `.output` or `.once` could not be opened.
    case cannotOpen(path: String, reason: String)
    /// `.read` files that read each other too deeply.
    case readDepth(path: String)
    /// A ledger operation (including SQL) failed.
    case ledger(LedgerError)
    /// The pager could not show a result; the shell printed it directly and stopped paging.
    case pagerFailed(command: String, failure: PagerFailure)

    package var description: String {
        switch self {
        case .unknownCommand(let name):
            "unknown command \".\(name)\"; type .help for the list"
        case .usage(let command, let usage):
            "usage: .\(command) \(usage)"
        case .cannotOpen(let path, let reason):
            "cannot open \(path): \(reason); check the path and its permissions"
        case .readDepth(let path):
            ".read \(path) nests more than \(ShellSession.maxReadDepth) files deep; check for files that read each other"
        case .pagerFailed(let command, let failure):
            "pager \"\(command)\" skipped: \(failure); results are printed directly from now on (fix $PAGER, then .pager on)"
        case .ledger(let error):
            switch error {
            case .sqlite(_, let message, _): message
            case .interrupted: "interrupted"
            default: error.description
            }
        }
    }
}
