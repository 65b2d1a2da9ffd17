import JSON
import Normalization

/// One raw insight row made ready for the writer off its thread: the row's identity, its `insight.fetched` event
/// with the canonical bytes and digest of the payload (``init(_:account:runId:)``), and unless the row looks
/// unchanged, its values normalized for the account currency and attribution setting the writer expects and its
/// payload compressed (``finish(_:zstd:)``), so the writer's own work per row is the SQL.
struct PreparedInsight: Sendable {
    /// Values normalized ahead, and the currency and attribution setting they were normalized with: the writer
    /// uses them only when those are still what it would normalize with.
    struct Normalized: Sendable {
        let currency: String?
        let attribution: String?
        let insight: NormalizedInsight
    }

    /// What the writer knows when a source starts and the preparing threads need: the currency of each account the
    /// ledger has, the run's attribution setting, and the dictionary payloads are compressed with.
    struct Context: Sendable {
        let currencies: [String: String]
        let attribution: String?
        /// The dictionary `insight.fetched` payloads are compressed with when the source starts, if any.
        let dictionary: ZstdDictionary?
    }

    let identity: InsightRow
    let event: NewEvent
    let canonical: [UInt8]
    let digest: PayloadDigest
    /// The stream's head as committed when the writer's transaction began (read by a ``StreamHeadProbe`` inside
    /// it), or nil when it could not be read: the writer then looks it up itself.
    var committed: StreamHead?
    /// The stream's committed payload is this one: unless the transaction appended to the stream since, nothing is
    /// appended, so nothing more is prepared (the writer decides, and prepares what is missing itself).
    var looksUnchanged: Bool { committed?.digest == digest }
    private(set) var normalized: Normalized?
    /// The payload compressed ahead with the context's dictionary (nil without one).
    private(set) var compressed: (dictionaryId: Int64, body: [UInt8])?

    /// Checks `row` and finds its event, canonical payload and digest (the same checks and bytes
    /// ``Ledger/appendInsight(_:identity:runId:writer:)`` makes on the writer); `account`: the `--account` given.
    init(_ row: IngestRow, account: String?, runId: String) throws(LedgerError) {
        identity = try InsightRow(row.value, account: account, locator: row.locator, pageAccount: row.pageAccount)
        event = identity.event(of: row.value, runId: runId)
        canonical = event.payload.canonicalBytes
        digest = canonical.withUnsafeBytes { PayloadDigest(of: $0) }
    }

    /// Normalizes the row's values and compresses its payload, unless it looks unchanged; `zstd`: this thread's
    /// context for compressing.
    mutating func finish(_ context: Context, zstd: ZstdContext?) {
        guard !looksUnchanged, case .object(let members) = event.payload, members.count == 2 else { return }
        if let dictionary = context.dictionary, let zstd, let body = dictionary.compress(canonical, in: zstd) {
            compressed = (dictionary.id, body)
        }
        let currency = context.currencies[identity.accountId]
        normalized = Normalized(
            currency: currency, attribution: context.attribution,
            insight: Normalizer.normalize(
                members[1].value, accountCurrency: currency, attribution: context.attribution, rawArrays: false))
    }
}
