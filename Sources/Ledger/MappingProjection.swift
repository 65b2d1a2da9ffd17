import JSON

/// Applies `creative.registered`, `mapping.linked`, `mapping.unlinked` and `mapping.rejected` to `generated_ads`,
/// `meta_ad_mapping` and `match_rejections`.
final class MappingProjection {
    private let statements: StatementCache
    private let tables: ProjectionTables

    init(statements: StatementCache, tables: ProjectionTables) {
        self.statements = statements
        self.tables = tables
    }

    /// The campaign of ad `?1`'s latest day: a mapped ad's `meta_campaign_id` follows it, so it is a function of
    /// the tables (and as-of gives what live gives) whatever order links and rows arrive in.
    static func latestCampaignSQL(_ tables: ProjectionTables) -> String {
        """
        SELECT meta_campaign_id FROM \(tables("meta_ads_performance")) WHERE meta_ad_id = ?1
        ORDER BY date DESC LIMIT 1
        """
    }

    func applyCreative(_ p: JSONValue, at time: String) throws(LedgerError) {
        let id = p["id"]?.stringValue ?? ""
        try statements.run(
            """
            INSERT INTO \(tables("generated_ads"))(id, short_id, brand_id, filename, concept, format, registered_at)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT(id) DO UPDATE SET short_id = excluded.short_id, brand_id = excluded.brand_id,
                filename = excluded.filename, concept = excluded.concept, format = excluded.format
            """,
            [.text(id), .text(String(id.prefix(8))), p.sqlText("brand_id"), p.sqlText("filename"),
             p.sqlText("concept"), p.sqlText("format"), .text(time)])
    }

    func applyLink(_ p: JSONValue, at time: String) throws(LedgerError) {
        try statements.run(
            """
            INSERT INTO \(tables("meta_ad_mapping"))(generated_ad_id, meta_ad_id, meta_ad_account_id, meta_campaign_id,
                linked_at, linked_by, actor) VALUES (?2, ?1, ?3, (\(Self.latestCampaignSQL(tables))), ?4, ?5, ?6)
            ON CONFLICT(meta_ad_id) DO UPDATE SET generated_ad_id = excluded.generated_ad_id,
                meta_ad_account_id = excluded.meta_ad_account_id, meta_campaign_id = excluded.meta_campaign_id,
                linked_at = excluded.linked_at, linked_by = excluded.linked_by, actor = excluded.actor
            """,
            [p.sqlText("meta_ad_id"), p.sqlText("generated_ad_id"), p.sqlText("meta_ad_account_id"), .text(time),
             p.sqlText("method"), p.sqlText("actor")])
    }

    func applyUnlink(_ p: JSONValue) throws(LedgerError) {
        try statements.run("DELETE FROM \(tables("meta_ad_mapping")) WHERE meta_ad_id = ?", [p.sqlText("meta_ad_id")])
    }

    func applyRejection(_ p: JSONValue, at time: String) throws(LedgerError) {
        try statements.run(
            """
            INSERT INTO \(tables("match_rejections"))(generated_ad_id, meta_ad_id, rejected_at, actor, reason)
            VALUES (?, ?, ?, ?, ?) ON CONFLICT DO UPDATE SET rejected_at = excluded.rejected_at,
            actor = excluded.actor, reason = excluded.reason
            """,
            [p.sqlText("generated_ad_id"), p.sqlText("meta_ad_id"), .text(time), p.sqlText("actor"),
             p.sqlText("reason")])
    }
}

@available(*, unavailable)
extension MappingProjection: Sendable {}
