import Ledger

/// What one account's sync did.
public struct AccountOutcome: Sendable, Codable {
    public var accountId: String
    public var since: String?
    public var until: String?
    public var chunks = 0
    /// Chunks of the plan an earlier run of the same command had completed.
    public var chunksSkipped = 0
    /// The run whose unfinished plan this sync resumed, if any.
    public var resumedRun: String?
    public var requests = 0
    public var pages = 0
    public var rows = 0
    public var new = 0
    public var changed = 0
    public var unchanged = 0
    public var vanished = 0
    public var campaignsChanged = 0
    /// Ad sets, ads and ad creatives recorded as new or changed.
    public var objectsChanged = 0
    public var retries = 0
    public var throttleWaits = 0
    public var throttleSeconds = 0.0
    public var seconds = 0.0
    /// nil when the account finished; else the one-line reason it stopped.
    public var error: String?
    /// True when ``error`` is one no re-run gets past until a person acts (token, permission, account id,
    /// configuration, an unwritable ledger); false when a later run resumes (network, 5xx, throttling).
    public var stoppingError = false
    /// Problems that did not stop the sync (e.g. campaigns could not be read).
    public var warnings: [String] = []

    init(accountId: String) { self.accountId = accountId }

    mutating func add(_ counts: AppendCounts) {
        rows += counts.rows
        new += counts.new
        changed += counts.changed
        unchanged += counts.unchanged
    }
}
