/// Where a projector writes: the live tables, fresh ones beside them for a rebuild, or temp ones for as-of.
struct ProjectionTables: Sendable {
    /// Prefix put before each projection's name, e.g. `main.`, `main.rebuild_`, `temp.`.
    let prefix: String

    static let live = ProjectionTables(prefix: "main.")
    static let fresh = ProjectionTables(prefix: "main.rebuild_")
    static let temporary = ProjectionTables(prefix: "temp.")

    /// The tables that hold the projections, in the order they are created and swapped. `report_ad_buckets` is a
    /// summary of `meta_ads_performance` (``ReportSummary``) and `drift_segments` of it and its replaced versions
    /// (``DriftSummary``): a build fills them from those tables after the replay.
    static let names = [
        "meta_ads_performance", HistoryView.replacedTable, "insight_parts", "meta_ad_accounts", "brand_ad_accounts",
        "meta_campaigns", "generated_ads", "meta_ad_mapping", "match_rejections", "match_suggestions", "meta_adsets",
        "meta_ads", "meta_ad_creatives", "meta_ad_status_changes", ReportSummary.table,
        DriftSummary.table,
    ]

    /// The projections as users see them, in `names`' order: `meta_ads_performance_history` (a view over the
    /// replaced versions and the performance rows, ``HistoryView``) in place of the replaced versions' table. What
    /// `rebuild` and `verify` compare, `projection_state` records and `export table` offers.
    static let projections = names.map { $0 == HistoryView.replacedTable ? HistoryView.name : $0 }

    /// The SQL name of one projection.
    func callAsFunction(_ base: String) -> String { prefix + base }

    /// The schema the tables are in (`main` or `temp`).
    var schema: String { String(prefix.prefix { $0 != "." }) }

    /// The name of one projection (or index) within its schema, e.g. `rebuild_meta_ads`.
    func bareName(_ base: String) -> String { String(prefix.drop { $0 != "." }.dropFirst()) + base }
}
