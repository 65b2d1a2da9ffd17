import Foundation

/// The outcome of a whole sync, as `sync --json` prints it and `sync.finished` records it.
public struct SyncSummary: Sendable, Codable {
    public var runId: String
    public var outcome: String
    public var accounts: [AccountOutcome]
    public var seconds: Double
    /// Totals over the accounts.
    public var requests = 0
    public var pages = 0
    public var rows = 0
    public var new = 0
    public var changed = 0
    public var unchanged = 0
    public var vanished = 0
    public var retries = 0
    public var throttleWaits = 0
    /// Things worth telling the user that did not stop the sync (a token that expires soon); never the token.
    public var warnings: [String] = []

    init(runId: String, outcome: String, accounts: [AccountOutcome], seconds: Double) {
        self.runId = runId
        self.outcome = outcome
        self.accounts = accounts
        self.seconds = seconds
        for account in accounts {
            requests += account.requests
            pages += account.pages
            rows += account.rows
            new += account.new
            changed += account.changed
            unchanged += account.unchanged
            vanished += account.vanished
            retries += account.retries
            throttleWaits += account.throttleWaits
        }
    }

    /// One line for a terminal.
    public var line: String {
        let waits = throttleWaits
        return "sync \(outcome): \(accounts.count) account\(accounts.count == 1 ? "" : "s"), \(rows) rows (\(new) new, \(changed) changed, \(unchanged) unchanged, \(vanished) vanished), \(requests) requests, \(retries) retries, \(waits) throttle waits, \(String(format: "%.1f", seconds)) s"
    }
}
