import Foundation

/// The outcome of a whole sync, as `sync --json` prints it and `sync.finished` records it.
public struct SyncSummary: Sendable, Codable {
    public var runId: String
    public var outcome: String
    public var accounts: [AccountOutcome]
    public var seconds: Double

    /// One line for a terminal.
    public var line: String {
        let rows = accounts.reduce(0) { $0 + $1.rows }
        let new = accounts.reduce(0) { $0 + $1.new }
        let changed = accounts.reduce(0) { $0 + $1.changed }
        let unchanged = accounts.reduce(0) { $0 + $1.unchanged }
        let vanished = accounts.reduce(0) { $0 + $1.vanished }
        let requests = accounts.reduce(0) { $0 + $1.requests }
        let waits = accounts.reduce(0) { $0 + $1.throttleWaits }
        let retries = accounts.reduce(0) { $0 + $1.retries }
        return "sync \(outcome): \(accounts.count) account\(accounts.count == 1 ? "" : "s"), \(rows) rows (\(new) new, \(changed) changed, \(unchanged) unchanged, \(vanished) vanished), \(requests) requests, \(retries) retries, \(waits) throttle waits, \(String(format: "%.1f", seconds)) s"
    }
}
