import JSON
import Normalization

/// Applies `insight.fetched` to `meta_ads_performance` (the latest version of each ad-day), its replaced versions
/// (``HistoryView``), `insight_parts` (breakdown rows), and a mapped ad's campaign: the hot path of every ingest,
/// sync and rebuild.
///
/// Per row it runs one insert, with `ad_status`, `is_video` and `campaign_objective` as the object tables give them
/// (read once per ad and campaign per transaction, and again after any other event); only an ad-day that already
/// had a row adds the copy of its current version into the replaced versions and the update, and only a mapped ad
/// (looked up once per ad per transaction) the mapping update.
final class InsightProjection {
    private let statements: StatementCache
    private let tables: ProjectionTables
    private let accounts: AccountProjection
    private let attributions: RunAttributions
    /// Whether each ad has a `meta_ad_mapping` row, as read in this transaction.
    private var mapped: [String: Bool] = [:]
    private var insert: Statement?
    private var update: Statement?
    private var replace: Statement?
    private var mappingProbe: Statement?
    private var mappingUpdate: Statement?
    /// `ad_status` and `is_video` of each ad, and `campaign_objective` of each campaign, as read since the object
    /// tables last changed (``forgetObjects()``).
    private var adObjects: [String: (status: SQLValue, isVideo: SQLValue)] = [:]
    private var objectives: [String: SQLValue] = [:]
    private var adObjectsProbe: Statement?
    private var objectiveProbe: Statement?
    /// The open batch that keeps the report summaries up to date instead of the triggers, if any.
    var summaryBatch: SummaryBatch?
    /// Where the ads whose rows it writes are noted for `match_suggestions`, if the ledger tracks them.
    var suggestionInputs: SuggestionInputs?

    init(statements: StatementCache, tables: ProjectionTables, accounts: AccountProjection, attributions: RunAttributions) {
        self.statements = statements
        self.tables = tables
        self.accounts = accounts
        self.attributions = attributions
    }

    /// Forgets what was read in an earlier transaction.
    func startTransaction() {
        forgetMappings()
        forgetObjects()
    }

    /// Forgets the object columns read (an event other than an insight may have changed the object tables).
    func forgetObjects() {
        adObjects.removeAll(keepingCapacity: true)
        objectives.removeAll(keepingCapacity: true)
    }

    /// Forgets which ads are mapped (a mapping event was applied).
    func forgetMappings() { mapped.removeAll(keepingCapacity: true) }

    /// Applies one `insight.fetched` event; returns how many malformed values its row held. `ready`: its row's
    /// values normalized ahead, used when they were normalized with the currency and attribution used here.
    /// `deferredPayload`: the canonical payload, when the event's payload leaves the row out (it is read from there).
    func apply(
        _ event: StoredEvent, normalized ready: PreparedInsight.Normalized? = nil, deferredPayload: [UInt8]? = nil
    ) throws(LedgerError) -> Int {
        guard let account = event.payload["account_id"]?.stringValue else { return 0 }
        let row = event.payload["row"]
        guard row != nil || deferredPayload != nil else { return 0 }
        let currency = try accounts.currency(ofAccount: account)
        let attribution = try attributions.setting(meta: event.meta)
        let brand = try accounts.brand(ofAccount: account)
        // Values prepared ahead, when they were normalized as they would be here: read in place (a copy of the
        // kilobyte of fields, and its release, was a few percent of an ingest's writer).
        if let ready, ready.currency == currency, ready.attribution == attribution {
            return try apply(
                event, account: account, ready: ready, fresh: nil, normalizedWith: (currency, attribution),
                brand: brand)
        }
        let normalized =
            if let row {
                // No raw arrays: no projection stores them (the payload, one seq away, holds them).
                Normalizer.normalize(row, accountCurrency: currency, attribution: attribution, rawArrays: false)
            } else {
                PreparedInsight.normalize(
                    payload: deferredPayload ?? [], accountCurrency: currency, attribution: attribution)
            }
        return try apply(
            event, account: account, ready: nil, fresh: normalized, normalizedWith: (currency, attribution),
            brand: brand)
    }

    /// Applies `event`, whose row normalized with the account's currency and the run's attribution setting was
    /// `ready` (prepared ahead) or is `fresh` (one of them), to an account of brand `brand`.
    ///
    /// A prepared row's fields are read where its class holds them: passing its `insight` on as an argument copied
    /// the kilobyte of fields to the stack, retaining each string, once a row on the writer.
    private func apply(
        _ event: StoredEvent, account: String, ready: PreparedInsight.Normalized?, fresh: NormalizedInsight?,
        normalizedWith setting: (currency: String?, attribution: String?), brand: String?
    ) throws(LedgerError) -> Int {
        var ahead = ready
        let malformed = ready?.insight.malformedColumns.count ?? fresh?.malformedColumns.count ?? 0
        guard let adId = ready?.insight.metaAdId ?? fresh?.metaAdId,
            let date = ready?.insight.date ?? fresh?.date
        else { return malformed }
        suggestionInputs?.note(ad: adId)
        // `ad:<id>:<date>` is a whole ad-day; a fourth `:` part names a breakdown part.
        let prefixLength = 3 + adId.utf8.count + 1 + date.utf8.count
        var combined: NormalizedInsight?
        if event.stream.utf8.count > prefixLength + 1 {
            let part = String(decoding: event.stream.utf8.dropFirst(prefixLength + 1), as: UTF8.self)
            combined = try combinedParts(
                adId: adId, date: date, part: part, seq: event.seq, accountCurrency: setting.currency,
                attribution: setting.attribution)
            ahead = nil
        }
        if ahead?.brand != brand { ahead = nil }
        let values: [SQLValue]
        if let aheadValues = ahead?.values {
            values = aheadValues
        } else if let combined {
            values = PerformanceColumns.values(of: combined, accountId: account, brandId: brand)
        } else if let fresh {
            values = PerformanceColumns.values(of: fresh, accountId: account, brandId: brand)
        } else if let ready {
            // Prepared for a brand the account no longer has.
            values = PerformanceColumns.values(of: ready.insight, accountId: account, brandId: brand)
        } else {
            return malformed  // Neither given: every caller passes one.
        }
        let time = SQLValue.text(event.recordedAt)
        let seq = SQLValue.integer(event.seq)
        let ad = try objectColumns(ofAd: adId)
        let objective = try self.objective(ofCampaign: values[Self.campaignIndex])

        // A new ad-day is one insert; an existing one is its current version copied, closed, into the replaced
        // versions, then the update.
        try prepared(&insert, insertSQL).run(
            staging: values, [time, time, .integer(1), seq, ad.status, ad.isVideo, objective])
        let existed = statements.connection.changes == 0
        try summaryBatch?.willWrite(
            adId: adId, date: date, existed: existed,
            contribution: Self.contribution(of: values, fetchedAt: event.recordedAt, ahead: ahead))
        if existed {
            try prepared(&replace, replaceSQL).run(staging: [time, .text(adId), .text(date)])
            try prepared(&update, updateSQL).run(staging: values, [time, seq, ad.status, ad.isVideo, objective])
        }
        if try isMapped(adId) {
            try prepared(&mappingUpdate, mappingUpdateSQL).run([.text(adId)])
        }
        return malformed
    }

    /// The summaries' share of a new ad-day inserted with `values` at `fetchedAt`: the one prepared ahead when it
    /// was prepared for the same values and time.
    private static func contribution(of values: [SQLValue], fetchedAt: String, ahead: PreparedInsight.Normalized?)
        -> AdDayContribution?
    {
        if let ahead, ahead.fetchedAt == fetchedAt { return ahead.contribution }
        return AdDayContribution(values: values, fetchedAt: fetchedAt)
    }

    /// Whether `adId` has a mapping, read once per transaction.
    private func isMapped(_ adId: String) throws(LedgerError) -> Bool {
        if let known = mapped[adId] { return known }
        let probe = try prepared(&mappingProbe, "SELECT 1 FROM \(tables("meta_ad_mapping")) WHERE meta_ad_id = ?")
        try probe.bind([.text(adId)])
        let found = try probe.step()
        probe.reset()
        mapped[adId] = found
        return found
    }

    /// `ad_status` and `is_video` of `adId` from the object tables (what `ObjectProjections.refreshPerformance`
    /// computes), read once until ``forgetObjects()``.
    private func objectColumns(ofAd adId: String) throws(LedgerError) -> (status: SQLValue, isVideo: SQLValue) {
        if let known = adObjects[adId] { return known }
        let probe = try prepared(
            &adObjectsProbe,
            """
            SELECT (SELECT a.effective_status FROM \(tables("meta_ads")) a WHERE a.meta_ad_id = ?1),
                (SELECT CASE WHEN c.object_type = 'VIDEO' OR c.video_id IS NOT NULL THEN 1 ELSE 0 END
                    FROM \(tables("meta_ads")) a JOIN \(tables("meta_ad_creatives")) c
                    ON c.meta_creative_id = a.meta_creative_id WHERE a.meta_ad_id = ?1)
            """)
        try probe.bind([.text(adId)])
        defer { probe.reset() }
        guard try probe.step() else { return (.null, .null) }
        let read = (status: probe.value(at: 0), isVideo: probe.value(at: 1))
        adObjects[adId] = read
        return read
    }

    /// `campaign_objective` of the campaign `campaign` (an id, or NULL), read once until ``forgetObjects()``.
    private func objective(ofCampaign campaign: SQLValue) throws(LedgerError) -> SQLValue {
        guard case .text(let id) = campaign else { return .null }
        if let known = objectives[id] { return known }
        let probe = try prepared(
            &objectiveProbe,
            "SELECT (SELECT m.objective FROM \(tables("meta_campaigns")) m WHERE m.meta_campaign_id = ?1)")
        try probe.bind([campaign])
        defer { probe.reset() }
        guard try probe.step() else { return .null }
        let read = probe.value(at: 0)
        objectives[id] = read
        return read
    }

    /// Records a breakdown part and returns the total of the ad-day's current parts.
    func combinedParts(
        adId: String, date: String, part: String, seq: Int64, accountCurrency: String?, attribution: String?
    ) throws(LedgerError) -> NormalizedInsight {
        try statements.run(
            """
            INSERT INTO \(tables("insight_parts"))(meta_ad_id, date, part, seq) VALUES (?, ?, ?, ?)
            ON CONFLICT DO UPDATE SET seq = excluded.seq
            """, [.text(adId), .text(date), .text(part), .integer(seq)])
        let parts = try statements.statement(
            """
            SELECT \(PayloadFunction.name)(i.seq) FROM \(tables("insight_parts")) i
            WHERE i.meta_ad_id = ? AND i.date = ? ORDER BY i.part
            """)
        try parts.bind([.text(adId), .text(date)])
        var rows: [NormalizedInsight] = []
        while try parts.step() {
            guard let body = parts.text(at: 0), let payload = try? JSONParser.parse(Array(body.utf8)),
                let row = payload["row"]
            else { continue }
            rows.append(
                Normalizer.normalize(row, accountCurrency: accountCurrency, attribution: attribution, rawArrays: false))
        }
        parts.reset()
        return NormalizedInsight.total(of: rows)
    }

    // MARK: statements

    /// The hot-path statements, prepared once and kept in their own slots (the shared cache would hash their long
    /// SQL text on every row).
    private func prepared(_ slot: inout Statement?, _ sql: @autoclosure () -> String) throws(LedgerError) -> Statement {
        if let slot { return slot }
        let statement = try statements.connection.prepare(sql())
        slot = statement
        return statement
    }

    /// The 1-based parameter of a value column in the insert and the update.
    private static func parameter(_ column: String) -> Int {
        (PerformanceColumns.all.firstIndex(of: column) ?? 0) + 1
    }

    /// The columns read from the object tables, bound after the value columns and the row's own
    /// (``objectColumns(ofAd:)``, ``objective(ofCampaign:)``).
    private static let objectColumns = ["ad_status", "is_video", "campaign_objective"]
    /// The index of `meta_campaign_id` among the value columns.
    private static let campaignIndex = parameter("meta_campaign_id") - 1

    /// Inserts a new ad-day's row; does nothing (no change counted) when the ad-day has one.
    private var insertSQL: String {
        let columns = PerformanceColumns.all
        let objects = Self.objectColumns.indices.map { "?\(columns.count + 5 + $0)" }
        return """
            INSERT INTO \(tables("meta_ads_performance"))(\(columns.joined(separator: ", ")), first_fetched_at,
                fetched_at, revisions, source_seq, vanished_at, \(Self.objectColumns.joined(separator: ", ")))
            VALUES (\(columns.indices.map { "?\($0 + 1)" }.joined(separator: ", ")), ?\(columns.count + 1), ?\(columns.count + 2),
                ?\(columns.count + 3), ?\(columns.count + 4), NULL, \(objects.joined(separator: ", ")))
            ON CONFLICT(meta_ad_id, date) DO NOTHING
            """
    }

    /// Replaces an existing ad-day's values with a new version's.
    private var updateSQL: String {
        let columns = PerformanceColumns.all
        let sets = columns.enumerated().filter { $0.element != "meta_ad_id" && $0.element != "date" }
            .map { "\($0.element) = ?\($0.offset + 1)" }
        let objects = Self.objectColumns.enumerated().map { "\($0.element) = ?\(columns.count + 3 + $0.offset)" }
        return """
            UPDATE \(tables("meta_ads_performance")) SET \(sets.joined(separator: ", ")),
                fetched_at = ?\(columns.count + 1), revisions = revisions + 1, source_seq = ?\(columns.count + 2),
                vanished_at = NULL, version_brand_id = NULL, \(objects.joined(separator: ", "))
            WHERE meta_ad_id = ?\(Self.parameter("meta_ad_id")) AND date = ?\(Self.parameter("date"))
            """
    }

    /// Copies an ad-day's current version (as the history view gives it) into the replaced versions, closed at ?1.
    private var replaceSQL: String {
        let columns = PerformanceColumns.all + ["valid_from", "seq"]
        return """
            INSERT INTO \(tables(HistoryView.replacedTable))(\(columns.joined(separator: ", ")), valid_to)
            SELECT \(columns.map { HistoryView.currentValue($0) }.joined(separator: ", ")), ?1
            FROM \(tables("meta_ads_performance")) p WHERE p.meta_ad_id = ?2 AND p.date = ?3
            """
    }

    private var mappingUpdateSQL: String {
        """
        UPDATE \(tables("meta_ad_mapping")) SET meta_campaign_id = (\(MappingProjection.latestCampaignSQL(tables)))
        WHERE meta_ad_id = ?1
        """
    }
}

@available(*, unavailable)
extension InsightProjection: Sendable {}
