/// `meta_ads_performance_history` (schema 10): a view over the versions a later fetch replaced
/// (`meta_ads_performance_replaced`, valid_to set) and each ad-day's current version, read from its
/// `meta_ads_performance` row, so a current version is stored once.
///
/// A current version's columns are its performance row's, except `valid_from` (when the event `source_seq` was
/// recorded), `valid_to` (NULL), `seq` (`source_seq`) and `brand_id`: a brand link or unlink after the fetch changes
/// the row's `brand_id` but not its version's, which `version_brand_id` then keeps (x'' for none; NULL while it is
/// `brand_id`). The view's SQL is schema 10's; ``select(_:columns:)`` gives the same rows over other tables (a
/// rebuild's fresh ones, verify's temp ones), for the comparison with the live view.
enum HistoryView {
    /// The view's name: the projection users query.
    static let name = "meta_ads_performance_history"
    /// The table of replaced versions.
    static let replacedTable = "meta_ads_performance_replaced"

    /// The performance columns `currentValue` computes a history column from (rather than showing one as it is).
    static let computedFrom = ["source_seq", "brand_id", "version_brand_id"]

    /// Whether history column `column` shows the performance row's column of the same name as it is.
    static func showsAsItIs(_ column: String) -> Bool { currentValue(column) == "p.\(column)" }

    /// The value of history column `column` for the current version held by the performance row `p`.
    static func currentValue(_ column: String) -> String {
        switch column {
        case "brand_id":
            "CASE WHEN p.version_brand_id IS NULL THEN p.brand_id WHEN p.version_brand_id = x'' THEN NULL "
                + "ELSE p.version_brand_id END"
        case "valid_from":
            "(SELECT c.recorded_at FROM main.event_log e JOIN main.event_contexts c ON c.id = e.context_id "
                + "WHERE e.seq = p.source_seq)"
        case "valid_to": "NULL"
        case "seq": "p.source_seq"
        default: "p.\(column)"
        }
    }

    /// The view's rows over `tables`' replaced versions and performance rows, with `columns` (the live view's,
    /// in order).
    static func select(_ tables: ProjectionTables, columns: [String]) -> String {
        """
        SELECT \(columns.joined(separator: ", ")) FROM \(tables(replacedTable))
        UNION ALL
        SELECT \(columns.map { currentValue($0) }.joined(separator: ", ")) FROM \(tables("meta_ads_performance")) p
        """
    }

    /// What a projection is read from in `tables`: the table, or for the history the view's rows over them.
    static func source(of projection: String, in tables: ProjectionTables, columns: [String]) -> String {
        projection == name ? "(\(select(tables, columns: columns)))" : tables(projection)
    }

    /// `version_brand_id` after the row's `brand_id` becomes `newBrand` (an SQL expression over the row's values
    /// before the change): NULL when the version's brand is the new one, else the version's brand.
    static func versionBrand(afterChangeTo newBrand: String) -> String {
        let versionBrand =
            "CASE WHEN version_brand_id IS NULL THEN brand_id WHEN version_brand_id = x'' THEN NULL "
            + "ELSE version_brand_id END"
        return "CASE WHEN (\(versionBrand)) IS \(newBrand) THEN NULL ELSE ifnull(\(versionBrand), x'') END"
    }
}
