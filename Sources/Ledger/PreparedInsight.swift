import JSON
import Normalization

/// One raw insight row made ready for the writer off its thread: the row's identity, its `insight.fetched` event
/// with the canonical bytes and digest of the payload (``init(_:account:runId:)``), and unless the row looks
/// unchanged, its values normalized for the account currency and attribution setting the writer expects (and bound
/// as its performance row's) and its payload compressed (``finish(_:dictionary:zstd:)``), so the writer's own work
/// per row is the SQL.
///
/// A class: a prepared row passes from slot to slot (the task's results, the batch, the writer's hand), and as a
/// struct each of those copies retained and released its dozen strings and arrays, some two hundred atomic
/// operations a row. `@unchecked Sendable`: only the task preparing it sets ``committed`` and what
/// ``finish(_:dictionary:zstd:)`` makes, before the pipeline hands it on under a lock; from then on it is only read.
final class PreparedInsight: @unchecked Sendable {
    /// Values normalized ahead, and the currency and attribution setting they were normalized with: the writer
    /// uses them only when those are still what it would normalize with. With them, the performance row's values
    /// for the brand the account had, and the summaries' share of the row as a new ad-day first fetched at
    /// `fetchedAt` (used when the row is one, at that time).
    ///
    /// A class: a `NormalizedInsight` is about a kilobyte of fields, and a prepared row is handed from slot to slot
    /// (batch, result, writer) by value; boxed, each hand-over copies a reference instead of the kilobyte.
    final class Normalized: Sendable {
        let currency: String?
        let attribution: String?
        let insight: NormalizedInsight
        let brand: String?
        /// ``PerformanceColumns/values(of:accountId:brandId:)`` of `insight` with `brand`.
        let values: [SQLValue]
        let fetchedAt: String
        /// `AdDayContribution(values:fetchedAt:)` (nil when SQL must compute it).
        let contribution: AdDayContribution?

        init(
            currency: String?, attribution: String?, insight: NormalizedInsight, account: String, brand: String?,
            fetchedAt: String
        ) {
            self.currency = currency
            self.attribution = attribution
            self.brand = brand
            values = PerformanceColumns.values(of: insight, accountId: account, brandId: brand)
            self.fetchedAt = fetchedAt
            contribution = AdDayContribution(values: values, fetchedAt: fetchedAt)
            // Stored last, its last use: stored before `values` read it, the row was copied.
            self.insight = insight
        }
    }

    /// What the writer knows when a source starts and the preparing threads need: the currency and brand of each
    /// account the ledger has, the run's attribution setting, the time its events are recorded at, and the
    /// dictionary payloads are compressed with; and the zstd contexts they compress with.
    struct Context: Sendable {
        let currencies: [String: String]
        let brands: [String: String]
        let attribution: String?
        /// The `recorded_at` of the transaction's events (``EventLog/recordedAt(now:)``).
        let recordedAt: String
        /// The dictionary `insight.fetched` payloads are compressed with, if any (the writer's newest).
        let dictionary: CurrentDictionary
        /// zstd contexts lent to the preparing threads for the whole ingest (each made once, not once a run of rows).
        let zstdContexts: LendingPool<ZstdContext>
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
    ///
    /// A row given as canonical bytes is read from them with no tree
    /// (``InsightRow/init(canonical:account:pageAccount:)``): its event's payload then holds only `account_id`
    /// (``rowIsDeferred``), and ``canonical`` the whole payload.
    /// When the bytes' reading is unsure or the row has a problem, the row is parsed and read as a tree.
    init(_ row: IngestRow, account: String?, runId: String) throws(LedgerError) {
        if let rowBytes = row.canonical, let identity = Self.identity(of: rowBytes, row: row, account: account) {
            self.identity = identity
            event = identity.event(payload: .object([("account_id", .string(identity.accountId))]), runId: runId)
            canonical = identity.canonicalPayload(row: rowBytes)
            rowIsDeferred = true
        } else {
            let value = row.value
            identity = try InsightRow(value, account: account, locator: row.locator, pageAccount: row.pageAccount)
            event = identity.event(of: value, runId: runId)
            canonical = event.payload.canonicalBytes
            rowIsDeferred = false
        }
        digest = canonical.withUnsafeBytes { PayloadDigest(of: $0) }
    }

    /// The identity of a row given as canonical bytes: from the keys its source read with them, else from a scan
    /// of the bytes; nil when the row is to be parsed and read as a tree.
    private static func identity(of rowBytes: [UInt8], row: IngestRow, account: String?) -> InsightRow? {
        if let keys = row.keys { return InsightRow(keys: keys, account: account, pageAccount: row.pageAccount) }
        return rowBytes.withUnsafeBufferPointer {
            InsightRow(canonical: $0, account: account, pageAccount: row.pageAccount)
        }
    }

    /// Whether the event's payload leaves the row out (it was read from bytes): ``canonical`` holds it, and a reader
    /// that needs the row parses it from there.
    let rowIsDeferred: Bool

    /// Normalizes the row's values and compresses its payload with `dictionary` (the context's, as the task found
    /// it), unless it looks unchanged; `zstd`: this thread's context for compressing.
    func finish(_ context: Context, dictionary: ZstdDictionary?, zstd: ZstdContext?) {
        guard !looksUnchanged else { return }
        let currency = context.currencies[identity.accountId]
        let insight: NormalizedInsight
        if rowIsDeferred {
            // Built from the row's bytes as the page reader's rewriter wrote them: known to be canonical.
            insight = Self.normalize(
                payload: canonical, accountCurrency: currency, attribution: context.attribution, known: true)
        } else {
            guard case .object(let members) = event.payload, members.count == 2 else { return }
            insight = Normalizer.normalize(
                members[1].value, accountCurrency: currency, attribution: context.attribution, rawArrays: false)
        }
        if let dictionary, let zstd, let body = dictionary.compress(canonical, in: zstd) {
            compressed = (dictionary.id, body)
        }
        normalized = Normalized(
            currency: currency, attribution: context.attribution, insight: insight, account: identity.accountId,
            brand: context.brands[identity.accountId], fetchedAt: context.recordedAt)
    }

    /// The row of the canonical `insight.fetched` payload `payload`, normalized from its bytes with no tree when the
    /// scanner is sure of them (``InsightDecoder/readPayload(_:accountCurrency:attribution:known:)``), else parsed.
    /// `known`: the bytes are known to be canonical.
    static func normalize(payload: [UInt8], accountCurrency: String?, attribution: String?, known: Bool = false)
        -> NormalizedInsight
    {
        let read = InsightDecoder.readPayload(
            payload, accountCurrency: accountCurrency, attribution: attribution, known: known)
        if let row = read?.row { return row }
        let row = (try? JSONParser.parse(payload))?["row"] ?? .null
        return Normalizer.normalize(row, accountCurrency: accountCurrency, attribution: attribution, rawArrays: false)
    }
}
