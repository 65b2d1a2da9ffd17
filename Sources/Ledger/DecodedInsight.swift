/// What a worker made of one `insight.fetched` event (see `InsightDecoder`): everything that depends only on the
/// event itself. What depends on the replay's state at the event (the account's currency and brand, the run's
/// attribution, the other breakdown parts of the ad-day) is filled in by the single writer, in seq order.
enum DecodedInsight: Sendable {
    /// The projector ignores the event: it has no `account_id` or `row`, or the row has no ad id or date.
    case skipped
    /// A row to project.
    case row(DecodedInsightRow)
    /// The payload cannot be read; the writer throws this when it reaches the event.
    case failed(LedgerError)
}

/// One normalized insight row, bound as `PerformanceColumns.values` with no brand and no attribution.
struct DecodedInsightRow: Sendable {
    /// The payload's `account_id`.
    let account: String
    let adId: String
    let date: String
    /// The breakdown part the stream names (`ad:<id>:<date>:<part>`), nil for a whole ad-day.
    let part: String?
    /// `PerformanceColumns.values` of the row normalized with no account currency, no brand and no attribution.
    var values: [SQLValue]
    /// Whether the row names no valid currency of its own, so the account's currency fills the column.
    let currencyMissing: Bool
    /// The `run_id` of the event's `meta`, which names the attribution setting.
    let runId: String?
    /// Malformed values met while normalizing.
    let malformedCount: Int
}
