import JSON
import Normalization

/// One raw insight row made ready for the writer off its thread: the row's identity, its `insight.fetched` event
/// with the canonical bytes and digest of the payload, and its values normalized for the account currency and
/// attribution setting the writer expects (``Normalized``), so the writer's own work per row is the SQL.
struct PreparedInsight: Sendable {
    /// Values normalized ahead, and the currency and attribution setting they were normalized with: the writer
    /// uses them only when those are still what it would normalize with.
    struct Normalized: Sendable {
        let currency: String?
        let attribution: String?
        let insight: NormalizedInsight
    }

    let identity: InsightRow
    let event: NewEvent
    let canonical: [UInt8]
    let digest: PayloadDigest
    let normalized: Normalized?
    /// The payload compressed ahead with the context's dictionary (nil without one).
    let compressed: (dictionaryId: Int64, body: [UInt8])?

    /// What the writer knows when a source starts and the preparing threads need: the `--account` given, the run,
    /// the currency of each account the ledger has, and the run's attribution setting.
    struct Context: Sendable {
        let account: String?
        let runId: String
        let currencies: [String: String]
        let attribution: String?
        /// The dictionary `insight.fetched` payloads are compressed with when the source starts, if any.
        let dictionary: ZstdDictionary?
    }

    /// Checks `row` and prepares it (the same checks and bytes ``Ledger/appendInsight(_:identity:runId:writer:)``
    /// makes on the writer); `zstd`: this thread's context for compressing ahead.
    init(_ row: IngestRow, context: Context, zstd: ZstdContext?) throws(LedgerError) {
        identity = try InsightRow(row.value, account: context.account, locator: row.locator, pageAccount: row.pageAccount)
        event = NewEvent(
            kind: .insightFetched, stream: identity.stream,
            payload: .object([("account_id", .string(identity.accountId)), ("row", row.value)]),
            meta: .object([("run_id", .string(context.runId))]))
        canonical = event.payload.canonicalBytes
        digest = canonical.withUnsafeBytes { PayloadDigest(of: $0) }
        if let dictionary = context.dictionary, let zstd, let body = dictionary.compress(canonical, in: zstd) {
            compressed = (dictionary.id, body)
        } else {
            compressed = nil
        }
        let currency = context.currencies[identity.accountId]
        normalized = Normalized(
            currency: currency, attribution: context.attribution,
            insight: Normalizer.normalize(row.value, accountCurrency: currency, attribution: context.attribution))
    }
}
