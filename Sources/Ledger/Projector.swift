import Foundation
import JSON
import Normalization

/// Applies events to one set of projection tables. The same code serves every append, `rebuild`,
/// `verify` and as-of, so a rebuild of an unchanged log gives the same rows.
final class Projector {
    private let connection: Connection
    private let tables: ProjectionTables
    /// False for as-of, where performance rows are copied from history as of the time and only vanish and
    /// coverage events are applied to them.
    private let appliesInsights: Bool
    private var statements: [String: Statement] = [:]
    /// Brand and currency of each account, as the tables hold them in the current transaction. Emptied by
    /// `startTransaction()`: between transactions another process may have linked a brand or fetched an account.
    private var brandCache: [String: String?] = [:]
    private var currencyCache: [String: String?] = [:]
    /// The attribution setting of each sync run, for the `attribution` column.
    private lazy var attributions = RunAttributions(connection: connection)
    /// Ad sets, ads, creatives, and what performance rows learn from them.
    private lazy var objects = ObjectProjections(connection: connection, tables: tables)
    /// The highest seq applied so far.
    private(set) var lastSeq: Int64 = 0
    /// Counts of malformed values met while normalizing.
    private(set) var malformedValues = 0

    init(connection: Connection, tables: ProjectionTables, appliesInsights: Bool = true) {
        self.connection = connection
        self.tables = tables
        self.appliesInsights = appliesInsights
    }

    /// Forgets what was read in an earlier transaction; call when a write transaction begins.
    func startTransaction() {
        brandCache.removeAll(keepingCapacity: true)
        currencyCache.removeAll(keepingCapacity: true)
    }

    private func statement(_ sql: String) throws(LedgerError) -> Statement {
        if let cached = statements[sql] { return cached }
        let prepared = try connection.prepare(sql)
        statements[sql] = prepared
        return prepared
    }

    private func run(_ sql: String, _ values: [SQLValue]) throws(LedgerError) {
        try statement(sql).run(values)
    }

    func apply(_ event: StoredEvent) throws(LedgerError) {
        let p = event.payload
        switch event.kind {
        case .accountFetched: try applyAccount(p)
        case .brandAccountLinked: try applyBrandLink(p, at: event.recordedAt)
        case .brandAccountUnlinked: try applyBrandUnlink(p)
        case .insightFetched: if appliesInsights { try applyInsight(event) }
        case .insightVanished: try applyVanished(p, event: event)
        case .campaignFetched:
            try applyCampaign(p, at: event.recordedAt)
            try objects.refreshPerformance(where: "p.meta_campaign_id = ?", [text(p["campaign"] ?? .null, "id")])
        case .adsetFetched, .adFetched, .adcreativeFetched: try objects.apply(event)
        case .creativeRegistered: try applyCreative(p, at: event.recordedAt)
        case .mappingLinked: try applyLink(p, at: event.recordedAt)
        case .mappingUnlinked:
            try run("DELETE FROM \(tables("meta_ad_mapping")) WHERE meta_ad_id = ?", [text(p, "meta_ad_id")])
        case .mappingRejected:
            try run(
                """
                INSERT INTO \(tables("match_rejections"))(generated_ad_id, meta_ad_id, rejected_at, actor, reason)
                VALUES (?, ?, ?, ?, ?) ON CONFLICT DO UPDATE SET rejected_at = excluded.rejected_at,
                actor = excluded.actor, reason = excluded.reason
                """,
                [text(p, "generated_ad_id"), text(p, "meta_ad_id"), .text(event.recordedAt), text(p, "actor"),
                 text(p, "reason")])
        case .syncChunkCompleted: try applyCoverage(p, event: event)
        case .syncStarted: attributions.record(event)
        case .syncPlanned, .syncFinished: break
        }
        lastSeq = max(lastSeq, event.seq)
    }

    // MARK: accounts and brands

    private func applyAccount(_ p: JSONValue) throws(LedgerError) {
        guard let id = AccountId.normalize(p["id"]?.scalarText ?? p["account_id"]?.scalarText ?? "") else { return }
        let status: SQLValue = p["account_status"]?.scalarText.map { .text(AccountStatus.name(of: $0)) } ?? .null
        try run(
            """
            INSERT INTO \(tables("meta_ad_accounts"))(id, name, currency, timezone_name, status) VALUES (?, ?, ?, ?, ?)
            ON CONFLICT(id) DO UPDATE SET name = excluded.name, currency = excluded.currency,
                timezone_name = excluded.timezone_name, status = excluded.status
            """, [.text(id), text(p, "name"), text(p, "currency"), text(p, "timezone_name"), status])
        currencyCache[id] = nil
    }

    private func applyBrandLink(_ p: JSONValue, at time: String) throws(LedgerError) {
        let account = text(p, "meta_ad_account_id")
        let brand = text(p, "brand_id")
        let primary = p["is_primary"] == .bool(true)
        if primary {
            try run("UPDATE \(tables("brand_ad_accounts")) SET is_primary = 0 WHERE brand_id = ?", [brand])
            // Another account of this brand may now resolve to another brand: forget every cached brand, as a new
            // write transaction would (so a rebuild gives what the live path gave).
            brandCache.removeAll(keepingCapacity: true)
        }
        try run(
            """
            INSERT INTO \(tables("brand_ad_accounts"))(brand_id, meta_ad_account_id, account_name, is_primary, linked_at)
            VALUES (?, ?, ?, ?, ?) ON CONFLICT(brand_id, meta_ad_account_id) DO UPDATE SET
                account_name = excluded.account_name, is_primary = excluded.is_primary
            """, [brand, account, text(p, "account_name"), .integer(primary ? 1 : 0), .text(time)])
        try refreshBrand(ofAccount: account)
    }

    private func applyBrandUnlink(_ p: JSONValue) throws(LedgerError) {
        let account = text(p, "meta_ad_account_id")
        try run(
            "DELETE FROM \(tables("brand_ad_accounts")) WHERE brand_id = ? AND meta_ad_account_id = ?",
            [text(p, "brand_id"), account])
        try refreshBrand(ofAccount: account)
    }

    /// The brand an account's rows belong to: its primary brand link, else the earliest.
    func brand(ofAccount account: String) throws(LedgerError) -> String? {
        if let cached = brandCache[account] { return cached }
        let statement = try statement(
            """
            SELECT brand_id FROM \(tables("brand_ad_accounts")) WHERE meta_ad_account_id = ?
            ORDER BY is_primary DESC, linked_at, brand_id LIMIT 1
            """)
        try statement.bind([.text(account)])
        let brand = try statement.step() ? statement.text(at: 0) : nil
        statement.reset()
        brandCache[account] = .some(brand)
        return brand
    }

    /// Sets the brand of every performance row and campaign from `brand_ad_accounts` (as-of, after its replay).
    func refreshBrands() throws(LedgerError) {
        for row in try connection.rows("SELECT DISTINCT meta_ad_account_id FROM \(tables("meta_ads_performance"))") {
            try refreshBrand(ofAccount: row[0])
        }
    }

    private func refreshBrand(ofAccount accountValue: SQLValue) throws(LedgerError) {
        guard let account = accountValue.text else { return }
        brandCache[account] = nil
        let brand = try brand(ofAccount: account).map(SQLValue.text) ?? .null
        try run(
            "UPDATE \(tables("meta_ads_performance")) SET brand_id = ? WHERE meta_ad_account_id = ? AND brand_id IS NOT ?",
            [brand, .text(account), brand])
        try run(
            "UPDATE \(tables("meta_campaigns")) SET brand_id = ? WHERE meta_ad_account_id = ? AND brand_id IS NOT ?",
            [brand, .text(account), brand])
    }

    private func currency(ofAccount account: String) throws(LedgerError) -> String? {
        if let cached = currencyCache[account] { return cached }
        let statement = try statement("SELECT currency FROM \(tables("meta_ad_accounts")) WHERE id = ?")
        try statement.bind([.text(account)])
        let currency = try statement.step() ? statement.text(at: 0) : nil
        statement.reset()
        currencyCache[account] = .some(currency)
        return currency
    }

    // MARK: insights

    private var preparedUpsert: Statement?
    private var preparedClose: Statement?
    private var preparedHistory: Statement?

    /// The hot-path statements, prepared once and kept in their own slots (the `statement(_:)` cache would
    /// hash their long SQL text on every row).
    private func prepared(_ slot: inout Statement?, _ sql: @autoclosure () -> String) throws(LedgerError) -> Statement {
        if let slot { return slot }
        let statement = try connection.prepare(sql())
        slot = statement
        return statement
    }

    private var performanceUpsert: Statement {
        get throws(LedgerError) { try prepared(&preparedUpsert, performanceUpsertSQL) }
    }

    private var historyClose: Statement {
        get throws(LedgerError) {
            try prepared(
                &preparedClose,
                """
                UPDATE \(tables("meta_ads_performance_history")) SET valid_to = ?
                WHERE meta_ad_id = ? AND date = ? AND valid_to IS NULL
                """)
        }
    }

    private var historyInsert: Statement {
        get throws(LedgerError) { try prepared(&preparedHistory, historyInsertSQL) }
    }

    private var preparedMappingCampaign: Statement?

    /// A mapped ad's `meta_campaign_id` follows the campaign of its latest day, so it is a function of the
    /// tables (and as-of gives what live gives) whatever order links and rows arrive in.
    private var mappingCampaignUpdate: Statement {
        get throws(LedgerError) {
            try prepared(
                &preparedMappingCampaign,
                """
                UPDATE \(tables("meta_ad_mapping")) SET meta_campaign_id = (\(latestCampaignSQL))
                WHERE meta_ad_id = ?1
                """)
        }
    }

    /// The campaign of ad `?1`'s latest day.
    private var latestCampaignSQL: String {
        """
        SELECT meta_campaign_id FROM \(tables("meta_ads_performance")) WHERE meta_ad_id = ?1
        ORDER BY date DESC LIMIT 1
        """
    }

    private lazy var performanceUpsertSQL: String = {
        let columns = PerformanceColumns.all
        let updates = columns.filter { $0 != "meta_ad_id" && $0 != "date" }.map { "\($0) = excluded.\($0)" }
        return """
            INSERT INTO \(tables("meta_ads_performance"))(\(columns.joined(separator: ", ")), first_fetched_at,
                fetched_at, revisions, source_seq, vanished_at)
            VALUES (\(Array(repeating: "?", count: columns.count + 4).joined(separator: ", ")), NULL)
            ON CONFLICT(meta_ad_id, date) DO UPDATE SET \(updates.joined(separator: ", ")),
                fetched_at = excluded.fetched_at, revisions = revisions + 1, source_seq = excluded.source_seq,
                vanished_at = NULL
            """
    }()

    private lazy var historyInsertSQL: String = {
        let columns = PerformanceColumns.all
        return """
            INSERT INTO \(tables("meta_ads_performance_history"))(\(columns.joined(separator: ", ")), valid_from,
                valid_to, seq)
            VALUES (\(Array(repeating: "?", count: columns.count + 1).joined(separator: ", ")), NULL, ?)
            """
    }()

    private func applyInsight(_ event: StoredEvent) throws(LedgerError) {
        guard let account = event.payload["account_id"]?.stringValue, let row = event.payload["row"] else { return }
        let currency = try currency(ofAccount: account)
        let attribution = try attributions.setting(meta: event.meta)
        var normalized = Normalizer.normalize(row, accountCurrency: currency, attribution: attribution)
        malformedValues += normalized.malformedColumns.count
        guard let adId = normalized.metaAdId, let date = normalized.date else { return }
        // `ad:<id>:<date>` is a whole ad-day; a fourth `:` part names a breakdown part.
        let prefixLength = 3 + adId.utf8.count + 1 + date.utf8.count
        if event.stream.utf8.count > prefixLength + 1 {
            let part = String(decoding: event.stream.utf8.dropFirst(prefixLength + 1), as: UTF8.self)
            normalized = try combinedParts(
                adId: adId, date: date, part: part, seq: event.seq, accountCurrency: currency, attribution: attribution)
        }
        var values = PerformanceColumns.values(of: normalized, accountId: account, brandId: try brand(ofAccount: account))
        let time = SQLValue.text(event.recordedAt)
        let shared = values.count
        values.append(contentsOf: [time, time, .integer(1), .integer(event.seq)])
        try performanceUpsert.run(values)
        try historyClose.run([time, .text(adId), .text(date)])
        values.removeLast(values.count - shared)
        values.append(contentsOf: [time, .integer(event.seq)])
        try historyInsert.run(values)
        try mappingCampaignUpdate.run([.text(adId)])
        try objects.refreshPerformance(where: "p.meta_ad_id = ? AND p.date = ?", [.text(adId), .text(date)])
    }

    /// Records a breakdown part and returns the total of the ad-day's current parts.
    func combinedParts(
        adId: String, date: String, part: String, seq: Int64, accountCurrency: String?, attribution: String?
    ) throws(LedgerError) -> NormalizedInsight
    {
        try run(
            """
            INSERT INTO \(tables("insight_parts"))(meta_ad_id, date, part, seq) VALUES (?, ?, ?, ?)
            ON CONFLICT DO UPDATE SET seq = excluded.seq
            """, [.text(adId), .text(date), .text(part), .integer(seq)])
        let parts = try statement(
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
            rows.append(Normalizer.normalize(row, accountCurrency: accountCurrency, attribution: attribution))
        }
        parts.reset()
        return NormalizedInsight.total(of: rows)
    }

    /// A row's values stay (the money was spent); `vanished_at` records when a covering fetch missed it.
    /// Only rows from before the event change (as-of applies it to rows copied from a later point).
    private func applyVanished(_ p: JSONValue, event: StoredEvent) throws(LedgerError) {
        try run(
            """
            UPDATE \(tables("meta_ads_performance")) SET vanished_at = ?
            WHERE meta_ad_id = ? AND date = ? AND source_seq < ?
            """,
            [.text(event.recordedAt), text(p, "meta_ad_id"), text(p, "date"), .integer(event.seq)])
    }

    /// `sync.chunk_completed` says which account-days a fetch covered: rows there that did not vanish were
    /// returned again, so their `fetched_at` moves to that fetch even when nothing changed. Only rows from
    /// before the event change (as-of applies it to rows copied from a later point).
    private func applyCoverage(_ p: JSONValue, event: StoredEvent) throws(LedgerError) {
        try run(
            """
            UPDATE \(tables("meta_ads_performance")) SET fetched_at = ?1
            WHERE meta_ad_account_id = ?2 AND date BETWEEN ?3 AND ?4 AND vanished_at IS NULL AND fetched_at < ?1
                AND source_seq < ?5
            """,
            [text(p, "fetched_at"), text(p, "account_id"), text(p, "since"), text(p, "until"), .integer(event.seq)])
    }

    // MARK: campaigns, creatives, mappings

    private func applyCampaign(_ p: JSONValue, at time: String) throws(LedgerError) {
        guard let account = p["account_id"]?.stringValue, let campaign = p["campaign"],
            let id = campaign["id"]?.scalarText
        else { return }
        let currency = try currency(ofAccount: account)
        func budget(_ key: String) -> SQLValue {
            guard let text = campaign[key]?.scalarText, let minor = ExactDecimal.parse(text) else {
                return .null
            }
            return PerformanceColumns.sqlValue(minor / Decimal(CurrencyOffset.offset(of: currency)))
        }
        try run(
            """
            INSERT INTO \(tables("meta_campaigns"))(meta_ad_account_id, meta_campaign_id, name, status,
                effective_status, objective, daily_budget, lifetime_budget, brand_id, synced_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT(meta_campaign_id) DO UPDATE SET meta_ad_account_id = excluded.meta_ad_account_id,
                name = excluded.name, status = excluded.status, effective_status = excluded.effective_status,
                objective = excluded.objective, daily_budget = excluded.daily_budget,
                lifetime_budget = excluded.lifetime_budget, brand_id = excluded.brand_id, synced_at = excluded.synced_at
            """,
            [.text(account), .text(id), text(campaign, "name"), text(campaign, "status"),
             text(campaign, "effective_status"), text(campaign, "objective"), budget("daily_budget"),
             budget("lifetime_budget"), try brand(ofAccount: account).map(SQLValue.text) ?? .null, .text(time)])
    }

    private func applyCreative(_ p: JSONValue, at time: String) throws(LedgerError) {
        let id = p["id"]?.stringValue ?? ""
        try run(
            """
            INSERT INTO \(tables("generated_ads"))(id, short_id, brand_id, filename, concept, format, registered_at)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT(id) DO UPDATE SET short_id = excluded.short_id, brand_id = excluded.brand_id,
                filename = excluded.filename, concept = excluded.concept, format = excluded.format
            """,
            [.text(id), .text(String(id.prefix(8))), text(p, "brand_id"), text(p, "filename"), text(p, "concept"),
             text(p, "format"), .text(time)])
    }

    private func applyLink(_ p: JSONValue, at time: String) throws(LedgerError) {
        try run(
            """
            INSERT INTO \(tables("meta_ad_mapping"))(generated_ad_id, meta_ad_id, meta_ad_account_id, meta_campaign_id,
                linked_at, linked_by, actor) VALUES (?2, ?1, ?3, (\(latestCampaignSQL)), ?4, ?5, ?6)
            ON CONFLICT(meta_ad_id) DO UPDATE SET generated_ad_id = excluded.generated_ad_id,
                meta_ad_account_id = excluded.meta_ad_account_id, meta_campaign_id = excluded.meta_campaign_id,
                linked_at = excluded.linked_at, linked_by = excluded.linked_by, actor = excluded.actor
            """,
            [text(p, "meta_ad_id"), text(p, "generated_ad_id"), text(p, "meta_ad_account_id"), .text(time),
             text(p, "method"), text(p, "actor")])
    }

    private func text(_ object: JSONValue, _ key: String) -> SQLValue {
        object[key]?.scalarText.map(SQLValue.text) ?? .null
    }
}
