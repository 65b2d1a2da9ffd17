import ArgumentParser
import Sync

/// The exit status of `sync`, for cron and systemd (README "Exit codes"). Other commands exit 0 or 1
/// (`verify`: 2 when the ledger is damaged); 64 is a usage error.
enum SyncExitCode: Int32 {
    /// Every account synced.
    case ok = 0
    /// Some accounts did not finish for a reason a later run gets past (network, Meta's 5xx, throttling);
    /// the others synced, and what was fetched is kept. The next run resumes.
    case incomplete = 3
    /// An account stopped on an error a person must fix first: the token (missing, invalid, expired), a
    /// permission, an account id, the configuration, or a ledger that cannot be written.
    case stopped = 4
    /// Another sync of the same ledger was still running after `--wait` seconds; nothing was done.
    case busy = 5

    /// The status for a finished sync's summary.
    init(_ summary: SyncSummary) {
        if summary.accounts.contains(where: { $0.error != nil && $0.stoppingError }) {
            self = .stopped
        } else if summary.accounts.contains(where: { $0.error != nil }) {
            self = .incomplete
        } else {
            self = .ok
        }
    }

    var exitCode: ExitCode { ExitCode(rawValue) }
}
