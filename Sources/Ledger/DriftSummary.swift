/// `drift_segments` (schema 9): what `report drift` groups before it spreads versions over ages, kept per
/// account, campaign, currency and date, so drift reads ~70k summary rows instead of every performance row and
/// every replaced history version (each with a lookup of its ad-day's latest row).
///
/// `is_latest = 1` rows hold the latest values of the ad-days first fetched on `from_day` (`versions`: ad-days);
/// `is_latest = 0` rows, per replaced version's fetch days (`from_day`, `to_day`), the sum of that version minus
/// its ad-day's latest value (`versions`: versions). Metrics are exact integers of millionths (`_micros`) with
/// their count of non-NULL values (`_n`), so schema 9's triggers (which move one changed row's contribution at a
/// time) and this full build give the same rows, which `verify` compares like every projection.
struct DriftSummary {
    let connection: Connection
    let tables: ProjectionTables

    /// The summary table's name.
    static let table = "drift_segments"

    /// The summary's columns, in table order.
    static let columns =
        ["is_latest", "meta_ad_account_id", "meta_campaign_id", "currency", "date", "from_day", "to_day", "versions"]
        + ReportMetric.baseColumns.flatMap { ["\($0)_micros", "\($0)_n"] }

    /// The rows from a performance table `p` and its history or replaced versions `h` (SQL names): latest values,
    /// then replaced versions, each column named as in the table. With `adDays` (a table or subquery with
    /// `meta_ad_id` and `date`), only those ad-days' contributions (``SummaryBatch`` adds and takes them out).
    static func rows(performance p: String, history h: String, adDays: String? = nil) -> [String] {
        let base = ReportMetric.baseColumns
        let micros = ReportMetric.micros
        let latest = base.map { "sum(ifnull(\(micros("p.\($0)")), 0)) AS \($0)_micros, count(p.\($0)) AS \($0)_n" }
        let replaced = base.map {
            "sum(\(micros("coalesce(h.\($0), 0)")) - \(micros("coalesce(p.\($0), 0)"))) AS \($0)_micros, "
                + "count(*) AS \($0)_n"
        }
        // With `adDays`, CROSS JOIN keeps them the outer loop: the planner has no statistics of a temp table and would
        // rather scan the whole performance or history table, once per batch (a cost growing with the ledger).
        let latestFrom =
            adDays.map { "\($0) s CROSS JOIN \(p) p ON p.meta_ad_id = s.meta_ad_id AND p.date = s.date" } ?? "\(p) p"
        let historyFrom =
            adDays.map { "\($0) s CROSS JOIN \(h) h ON h.meta_ad_id = s.meta_ad_id AND h.date = s.date" } ?? "\(h) h"
        let latestOfHistory = adDays == nil ? "JOIN" : "CROSS JOIN"
        return [
            """
            SELECT 1 AS is_latest, p.meta_ad_account_id AS meta_ad_account_id, p.meta_campaign_id AS meta_campaign_id,
                p.currency AS currency, p.date AS date, substr(p.first_fetched_at, 1, 10) AS from_day, NULL AS to_day,
                count(*) AS versions, \(latest.joined(separator: ", "))
            FROM \(latestFrom)
            GROUP BY 2, 3, 4, 5, 6
            """,
            """
            SELECT 0, p.meta_ad_account_id, p.meta_campaign_id, p.currency, h.date, substr(h.valid_from, 1, 10),
                substr(h.valid_to, 1, 10), count(*), \(replaced.joined(separator: ", "))
            FROM \(historyFrom) \(latestOfHistory) \(p) p ON p.meta_ad_id = h.meta_ad_id AND p.date = h.date
            WHERE h.valid_to IS NOT NULL
            GROUP BY 2, 3, 4, 5, 6, 7
            """,
        ]
    }

    /// Rebuilds the table whole from the performance rows and replaced versions beside it (for `rebuild` and
    /// `verify` when ``SummaryBuild`` cannot sum it exactly in Swift; the live table is kept up to date by triggers
    /// and ``SummaryBatch``). The same SQL as schema 9's first fill.
    func rebuild() throws(LedgerError) {
        try connection.execute("DELETE FROM \(tables(Self.table))")
        let performance = tables("meta_ads_performance")
        for select in Self.rows(performance: performance, history: tables(HistoryView.replacedTable)) {
            try connection.execute("INSERT INTO \(tables(Self.table))(\(Self.columns.joined(separator: ", ")))\n" + select)
        }
    }

    /// A view with the table's rows as of an as-of connection's time (over its temp performance table and
    /// history view): `report drift` as of a time reads those directly, but shell users see the summary too.
    static var asOfViewSQL: String {
        let selects = rows(performance: "temp.meta_ads_performance", history: "temp.meta_ads_performance_history")
        return "CREATE TEMP VIEW \(table)(\(columns.joined(separator: ", "))) AS\n"
            + selects.joined(separator: "\nUNION ALL\n")
    }
}
