import JSON
import Ledger

/// One account's plan within a run: the days it reads and the calendar chunks they are cut into. Recorded as
/// `sync.planned` before the first chunk is fetched, so that running the same command again resumes it.
struct SyncPlan: Sendable, Equatable {
    /// What the command asked for (`--since`, `--until`, `--lookback` as given, and the request context that
    /// changes rows): a re-run resumes a plan only when this is the same.
    var asked: JSONValue
    var since: String
    var until: String
    /// The account's time zone the days were counted in (nil: UTC, the account object was not read).
    var timeZone: String?
    var chunks: [SyncChunk]
    /// The `seq` of the `sync.planned` that started this plan: chunks completed after it count as done. Nil for
    /// a new plan (its own event starts it).
    var origin: Int64?
    /// The run whose plan this one continues, if any.
    var resumedRun: String?
}
