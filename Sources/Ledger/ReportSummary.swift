/// `report_ad_buckets` (schema 8): per ad and bucket, the sums `report` needs, so a report reads ~320k narrow
/// summary rows instead of every ad-day of `meta_ads_performance` (1.8M for a year of 5,000 ads).
///
/// A bucket is the days of one Monday-to-Sunday week that fall in one calendar month, named by its first day:
/// every bucket lies in exactly one week and one month, so `--by week` and `--by month` (and the week and
/// month trends) group buckets exactly. Each row also keeps the bit mask of its days that have a row (bit 0 =
/// Monday), so `days_live` (distinct days per group) is the OR of the masks per bucket, and money as exact
/// integer millionths, so the live upkeep (schema 8's triggers: a new row is added to its bucket's row, a changed
/// or deleted one recomputes its bucket) and this full build give the same integers in any order, which `verify`
/// compares like every projection.
struct ReportSummary {
    let connection: Connection
    let tables: ProjectionTables

    /// The summary table's name.
    static let table = "report_ad_buckets"

    /// SQL for the bucket (its first day) of the day `date`: the later of its week's Monday and its month's 1st.
    static func bucket(_ date: String) -> String {
        "max(date(\(date), 'weekday 0', '-6 days'), substr(\(date), 1, 8) || '01')"
    }

    /// SQL for the mask bit of the day `date` (Monday 1, Tuesday 2, … Sunday 64).
    static func dayBit(_ date: String) -> String { "(1 << ((strftime('%w', \(date)) + 6) % 7))" }

    /// The table's columns, in table order.
    static let columnNames = [
        "meta_ad_id", "bucket", "currency", "brand_id", "meta_ad_account_id", "meta_campaign_id", "meta_adset_id",
        "day_mask", "first_day", "last_day", "spend_micros", "impressions", "clicks", "link_clicks", "purchases",
        "purchase_value_micros", "add_to_carts", "video_views",
    ]

    /// The table's columns, in table order, as an SQL list.
    static let columns = columnNames.joined(separator: ", ")

    /// SQL for the columns after the key (`day_mask` … `video_views`, named so) summed over a group of performance
    /// rows whose columns are prefixed `prefix` (`""` or e.g. `"p."`).
    static func sums(of prefix: String) -> String {
        let p = prefix
        return """
            sum(\(dayBit("\(p)date"))) AS day_mask, min(\(p)date) AS first_day, max(\(p)date) AS last_day,
            sum(\(ReportMetric.micros("\(p)spend"))) AS spend_micros, sum(\(p)impressions) AS impressions,
            sum(\(p)clicks) AS clicks, sum(\(p)link_clicks) AS link_clicks, sum(\(p)purchases) AS purchases,
            sum(\(ReportMetric.micros("\(p)purchase_value"))) AS purchase_value_micros,
            sum(\(p)add_to_carts) AS add_to_carts, sum(\(p)video_views) AS video_views
            """
    }

    /// Rebuilds the table whole from the performance projection beside it (for `rebuild` and `verify` when
    /// ``SummaryBuild`` cannot sum it exactly in Swift; the live table is kept up to date by triggers and
    /// ``SummaryBatch`` instead). The same SQL as schema 8's first fill.
    func rebuild() throws(LedgerError) {
        try connection.execute(
            """
            DELETE FROM \(tables(Self.table));
            INSERT INTO \(tables(Self.table))(\(Self.columns))
            SELECT meta_ad_id, \(Self.bucket("date")), currency, brand_id, meta_ad_account_id, meta_campaign_id,
                meta_adset_id, \(Self.sums(of: ""))
            FROM \(tables("meta_ads_performance"))
            GROUP BY meta_ad_id, 2, currency, brand_id, meta_ad_account_id, meta_campaign_id, meta_adset_id;
            """)
    }

    /// A view with the table's rows computed from `temp.meta_ads_performance`, for as-of connections (which read
    /// the plain performance query in `report`, but should show shell users the summary as of then too).
    static var asOfViewSQL: String {
        """
        CREATE TEMP VIEW \(table) AS
        SELECT meta_ad_id, \(bucket("date")) AS bucket, currency, brand_id, meta_ad_account_id, meta_campaign_id,
            meta_adset_id, \(sums(of: ""))
        FROM temp.meta_ads_performance
        GROUP BY meta_ad_id, 2, currency, brand_id, meta_ad_account_id, meta_campaign_id, meta_adset_id
        """
    }
}
