import Foundation
import JSON
import Normalization

/// Applies `adset.fetched`, `ad.fetched` and `adcreative.fetched` to `meta_adsets`, `meta_ads`,
/// `meta_ad_creatives` and `meta_ad_status_changes`, and keeps what performance rows learn from the objects
/// (`ad_status`, `is_video`, `campaign_objective`) a function of the tables, whatever order events arrive in.
///
/// Bad input is kept, not rejected: the raw object is in the event, and a column that cannot be read (a missing
/// field, a status Meta does not document, a creative with no story spec) is NULL.
final class ObjectProjections {
    private let statements: StatementCache
    private let tables: ProjectionTables

    /// Every `status` / `effective_status` / `configured_status` value Meta documents for ads, ad sets and
    /// campaigns; any other value is stored as NULL.
    static let knownStatuses: Set<String> = [
        "ACTIVE", "PAUSED", "DELETED", "ARCHIVED", "IN_PROCESS", "WITH_ISSUES", "ADSET_PAUSED", "CAMPAIGN_PAUSED",
        "DISAPPROVED", "PENDING_BILLING_INFO", "PENDING_REVIEW", "PREAPPROVED",
    ]

    /// The performance columns these objects fill.
    static let performanceColumns = ["ad_status", "is_video", "campaign_objective"]

    /// Projections on their own statements (as-of's one-off refresh).
    convenience init(connection: Connection, tables: ProjectionTables) {
        self.init(statements: StatementCache(connection: connection), tables: tables)
    }

    /// Projections sharing `statements` with the rest of a `Projector`.
    init(statements: StatementCache, tables: ProjectionTables) {
        self.statements = statements
        self.tables = tables
    }

    private func run(_ sql: String, _ values: [SQLValue]) throws(LedgerError) {
        try statements.run(sql, values)
    }

    /// The first column of the first row `sql` gives, or nil when it gives none.
    private func scalar(_ sql: String, _ values: [SQLValue]) throws(LedgerError) -> SQLValue? {
        let statement = try statements.statement(sql)
        try statement.bind(values)
        defer { statement.reset() }
        return try statement.step() ? statement.value(at: 0) : nil
    }

    /// Applies one object event; other kinds are ignored.
    func apply(_ event: StoredEvent) throws(LedgerError) {
        guard let account = event.payload["account_id"]?.stringValue else { return }
        switch event.kind {
        case .adsetFetched:
            guard let adset = event.payload["adset"] else { return }
            try applyAdset(adset, account: account, at: event.recordedAt)
        case .adFetched:
            guard let ad = event.payload["ad"] else { return }
            try applyAd(ad, account: account, event: event)
        case .adcreativeFetched:
            guard let creative = event.payload["adcreative"] else { return }
            try applyCreative(creative, account: account, at: event.recordedAt)
        default: return
        }
    }

    private func applyAdset(_ adset: JSONValue, account: String, at time: String) throws(LedgerError) {
        guard let id = Self.identifier(adset["id"]) else { return }
        let currency = try scalar(
            "SELECT currency FROM \(tables("meta_ad_accounts")) WHERE id = ?", [.text(account)])?.text
        func budget(_ key: String) -> SQLValue {
            guard let value = adset[key], let minor = ExactDecimal.parse(value) else { return .null }
            return PerformanceColumns.sqlValue(minor.scaled(byPowerOfTen: -CurrencyOffset.decimals(of: currency)))
        }
        try run(
            """
            INSERT OR REPLACE INTO \(tables("meta_adsets"))(meta_ad_account_id, meta_adset_id, name, meta_campaign_id,
                status, effective_status, daily_budget, lifetime_budget, optimization_goal, billing_event,
                bid_strategy, synced_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """,
            [
                .text(account), .text(id), Self.text(adset["name"]), Self.id(adset["campaign_id"]),
                Self.status(adset["status"]), Self.status(adset["effective_status"]), budget("daily_budget"),
                budget("lifetime_budget"), Self.text(adset["optimization_goal"]), Self.text(adset["billing_event"]),
                Self.text(adset["bid_strategy"]), .text(time),
            ])
    }

    private func applyAd(_ ad: JSONValue, account: String, event: StoredEvent) throws(LedgerError) {
        guard let id = Self.identifier(ad["id"]) else { return }
        let status = Self.status(ad["effective_status"])
        let statement = try statements.statement(
            "SELECT effective_status FROM \(tables("meta_ads")) WHERE meta_ad_id = ?")
        try statement.bind([.text(id)])
        let previous: [SQLValue]? = try statement.step() ? [statement.value(at: 0)] : nil
        statement.reset()
        try run(
            """
            INSERT OR REPLACE INTO \(tables("meta_ads"))(meta_ad_account_id, meta_ad_id, name, meta_adset_id,
                meta_campaign_id, effective_status, configured_status, meta_creative_id, created_time, updated_time,
                synced_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """,
            [
                .text(account), .text(id), Self.text(ad["name"]), Self.id(ad["adset_id"]), Self.id(ad["campaign_id"]),
                status, Self.status(ad["configured_status"] ?? ad["status"]), Self.id(ad["creative"]?["id"]),
                Self.text(ad["created_time"]), Self.text(ad["updated_time"]), .text(event.recordedAt),
            ])
        if previous == nil || previous?.first != status {
            try run(
                """
                INSERT INTO \(tables("meta_ad_status_changes"))(meta_ad_id, effective_status, updated_time, valid_from,
                    seq) VALUES (?, ?, ?, ?, ?)
                """,
                [.text(id), status, Self.text(ad["updated_time"]), .text(event.recordedAt), .integer(event.seq)])
        }
        try refreshPerformance(where: "p.meta_ad_id = ?", [.text(id)])
    }

    private func applyCreative(_ creative: JSONValue, account: String, at time: String) throws(LedgerError) {
        guard let id = Self.identifier(creative["id"]) else { return }
        let story = creative["object_story_spec"]
        let videoId = Self.id(creative["video_id"] ?? story?["video_data"]?["video_id"])
        try run(
            """
            INSERT OR REPLACE INTO \(tables("meta_ad_creatives"))(meta_ad_account_id, meta_creative_id, name,
                object_type, video_id, image_hash, thumbnail_url, title, body, call_to_action_type, link_url, synced_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """,
            [
                .text(account), .text(id), Self.text(creative["name"]), Self.text(creative["object_type"]), videoId,
                Self.text(creative["image_hash"] ?? story?["link_data"]?["image_hash"]),
                Self.text(creative["thumbnail_url"]), Self.text(creative["title"]), Self.text(creative["body"]),
                Self.text(creative["call_to_action_type"]), Self.text(Self.linkURL(creative)), .text(time),
            ])
        try refreshPerformance(
            where: "p.meta_ad_id IN (SELECT meta_ad_id FROM \(tables("meta_ads")) WHERE meta_creative_id = ?)",
            [.text(id)])
    }

    /// The link a creative sends people to: `object_story_spec`'s link data (or its video's call to action),
    /// else the first of `asset_feed_spec.link_urls`.
    static func linkURL(_ creative: JSONValue) -> JSONValue? {
        let story = creative["object_story_spec"]
        return story?["link_data"]?["link"] ?? story?["video_data"]?["call_to_action"]?["value"]?["link"]
            ?? story?["template_data"]?["link"]
            ?? creative["asset_feed_spec"]?["link_urls"]?.arrayValue?.first?[
                "website_url"]
    }

    // MARK: performance columns

    /// Sets `ad_status`, `is_video` and `campaign_objective` of the performance rows matching `condition`
    /// (over alias `p`) from the object tables.
    func refreshPerformance(where condition: String, _ values: [SQLValue]) throws(LedgerError) {
        try run(
            """
            UPDATE \(tables("meta_ads_performance")) AS p SET
                ad_status = (SELECT a.effective_status FROM \(tables("meta_ads")) a WHERE a.meta_ad_id = p.meta_ad_id),
                is_video = (SELECT CASE WHEN c.object_type = 'VIDEO' OR c.video_id IS NOT NULL THEN 1 ELSE 0 END
                    FROM \(tables("meta_ads")) a JOIN \(tables("meta_ad_creatives")) c
                    ON c.meta_creative_id = a.meta_creative_id WHERE a.meta_ad_id = p.meta_ad_id),
                campaign_objective = (SELECT m.objective FROM \(tables("meta_campaigns")) m
                    WHERE m.meta_campaign_id = p.meta_campaign_id)
            WHERE \(condition)
            """, values)
    }

    // MARK: reading fields

    private static func identifier(_ value: JSONValue?) -> String? {
        guard let text = value?.scalarText, !text.isEmpty else { return nil }
        return text
    }

    private static func id(_ value: JSONValue?) -> SQLValue { identifier(value).map(SQLValue.text) ?? .null }

    private static func text(_ value: JSONValue?) -> SQLValue { value?.stringValue.map(SQLValue.text) ?? .null }

    private static func status(_ value: JSONValue?) -> SQLValue {
        guard let text = value?.stringValue, knownStatuses.contains(text) else { return .null }
        return .text(text)
    }
}
