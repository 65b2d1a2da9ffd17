import JSON
import Normalization

/// Applies events to one set of projection tables. The same code serves every append, `rebuild`,
/// `verify` and as-of, so a rebuild of an unchanged log gives the same rows.
///
/// The single entry point: it hands each event to the projection that owns its tables (one small type each,
/// sharing one statement cache).
final class Projector {
    private let statements: StatementCache
    /// False for as-of, where performance rows are copied from history as of the time and only vanish and
    /// coverage events are applied to them.
    private let appliesInsights: Bool
    private let tables: ProjectionTables
    private let accounts: AccountProjection
    private let insights: InsightProjection
    private let coverage: CoverageProjection
    private let campaigns: CampaignProjection
    private let mappings: MappingProjection
    /// The attribution setting of each sync run, for the `attribution` column.
    private let attributions: RunAttributions
    /// Ad sets, ads, creatives, and what performance rows learn from them.
    private let objects: ObjectProjections
    /// The highest seq applied so far.
    private(set) var lastSeq: Int64 = 0
    /// Counts of malformed values met while normalizing.
    private(set) var malformedValues = 0
    /// What the live ledger's events change of `match_suggestions`' inputs (nil: not tracked).
    var suggestionInputs: SuggestionInputs? {
        didSet { insights.suggestionInputs = suggestionInputs }
    }

    init(connection: Connection, tables: ProjectionTables, appliesInsights: Bool = true) {
        self.appliesInsights = appliesInsights
        self.tables = tables
        statements = StatementCache(connection: connection)
        accounts = AccountProjection(statements: statements, tables: tables)
        attributions = RunAttributions(connection: connection)
        insights = InsightProjection(
            statements: statements, tables: tables, accounts: accounts, attributions: attributions)
        coverage = CoverageProjection(statements: statements, tables: tables)
        campaigns = CampaignProjection(statements: statements, tables: tables, accounts: accounts)
        mappings = MappingProjection(statements: statements, tables: tables)
        objects = ObjectProjections(statements: statements, tables: tables)
    }

    /// Forgets what was read in an earlier transaction; call when a write transaction begins.
    func startTransaction() {
        accounts.startTransaction()
        insights.startTransaction()
    }

    /// Applies one event; `normalized`: an insight's values normalized ahead (see ``PreparedInsight``);
    /// `deferredPayload`: the canonical payload of an insight whose event's payload leaves its row out
    /// (``PreparedInsight/rowIsDeferred``).
    func apply(_ event: StoredEvent, normalized: PreparedInsight.Normalized? = nil, deferredPayload: [UInt8]? = nil)
        throws(LedgerError)
    {
        suggestionInputs?.note(event.kind)
        guard event.kind != .insightFetched else {
            return try applyEvent(event, normalized: normalized, deferredPayload: deferredPayload)
        }
        // Anything else may change the object tables the performance rows read columns from, and may write
        // performance rows the triggers must see: an open summary batch is closed around it.
        insights.forgetObjects()
        try insights.summaryBatch?.finish()
        try applyEvent(event, normalized: normalized, deferredPayload: deferredPayload)
        try insights.summaryBatch?.begin()
    }

    private func applyEvent(_ event: StoredEvent, normalized: PreparedInsight.Normalized?, deferredPayload: [UInt8]?)
        throws(LedgerError)
    {
        let p = event.payload
        switch event.kind {
        case .accountFetched: try accounts.applyAccount(p)
        case .brandAccountLinked: try accounts.applyBrandLink(p, at: event.recordedAt)
        case .brandAccountUnlinked: try accounts.applyBrandUnlink(p)
        case .insightFetched:
            if appliesInsights {
                malformedValues += try insights.apply(event, normalized: normalized, deferredPayload: deferredPayload)
            }
        case .insightVanished: try coverage.applyVanished(p, event: event)
        case .campaignFetched:
            try campaigns.apply(p, at: event.recordedAt)
            try objects.refreshPerformance(where: "p.meta_campaign_id = ?", [(p["campaign"] ?? .null).sqlText("id")])
        case .adsetFetched, .adFetched, .adcreativeFetched: try objects.apply(event)
        case .creativeRegistered: try mappings.applyCreative(p, at: event.recordedAt)
        case .mappingLinked:
            try mappings.applyLink(p, at: event.recordedAt)
            insights.forgetMappings()
        case .mappingUnlinked:
            try mappings.applyUnlink(p)
            insights.forgetMappings()
        case .mappingRejected: try mappings.applyRejection(p, at: event.recordedAt)
        case .syncChunkCompleted: try coverage.applyCoverage(p, event: event)
        case .syncStarted: attributions.record(event)
        case .syncPlanned, .syncFinished: break
        }
        lastSeq = max(lastSeq, event.seq)
    }

    /// Runs `body` (insight appends) with the report summaries kept up to date set-based when it ends, instead
    /// of row by row by the triggers (see ``SummaryBatch``). Call inside a write transaction, and only around
    /// `insight.fetched` events: every other event keeps the triggers.
    func batchingSummaries<T>(_ body: () throws(LedgerError) -> T) throws(LedgerError) -> T {
        guard insights.summaryBatch == nil else { return try body() }
        let batch = SummaryBatch(connection: statements.connection, tables: tables)
        try batch.begin()
        insights.summaryBatch = batch
        defer {
            insights.summaryBatch = nil
            batch.cancel()
        }
        let value = try body()
        try batch.finish()
        return value
    }

    /// The currency of every account the tables know one for (what an ingest normalizes its rows with ahead).
    func accountCurrencies() throws(LedgerError) -> [String: String] {
        var currencies: [String: String] = [:]
        for row in try statements.connection.rows(
            "SELECT id, currency FROM \(tables("meta_ad_accounts")) WHERE currency IS NOT NULL")
        {
            if let id = row[0].text, let currency = row[1].text { currencies[id] = currency }
        }
        return currencies
    }

    /// The brand of every account that has one (``AccountProjection/brands()``).
    func accountBrands() throws(LedgerError) -> [String: String] { try accounts.brands() }

    /// The attribution setting of sync run `runId` (nil for none).
    func attribution(runId: String) throws(LedgerError) -> String? { try attributions.setting(runId: runId) }

    /// Sets the brand of every performance row and campaign from `brand_ad_accounts` (as-of, after its replay).
    func refreshBrands() throws(LedgerError) { try accounts.refreshBrands() }

    /// The brand an account's rows belong to as the tables hold it now (the bulk build reads it per insight).
    func brand(ofAccount account: String) throws(LedgerError) -> String? { try accounts.brand(ofAccount: account) }

    /// Records a breakdown part and returns the total of the ad-day's current parts (for the bulk build).
    func combinedParts(
        adId: String, date: String, part: String, seq: Int64, accountCurrency: String?, attribution: String?
    ) throws(LedgerError) -> NormalizedInsight {
        try insights.combinedParts(
            adId: adId, date: date, part: part, seq: seq, accountCurrency: accountCurrency, attribution: attribution)
    }
}

@available(*, unavailable)
extension Projector: Sendable {}
