/// What a summary-path `report` reads in place of `meta_ads_performance p`: a subquery with the performance
/// columns `report` uses (`date` being each row's bucket, see ``ReportSummary``) plus `day_mask`, `first_day` and
/// `last_day`. Whole buckets inside `--since`/`--until` come from `report_ad_buckets`; the days of the at most two
/// buckets the range cuts come from `meta_ads_performance` through its date index, one row per ad-day (in its
/// bucket, with its one day's bit), so any range gives exactly the plain query's rows.
struct ReportSource {
    /// The parenthesized subquery.
    let sql: String
    let parameters: [String: String]

    /// The summed columns the subquery gives: ``ReportMetric/baseColumns``, money as integers of millionths
    /// (`spend_micros`, `purchase_value_micros`).
    static let columns = ReportMetric.baseColumns.map {
        ReportMetric.moneyColumns.contains($0) ? "\($0)_micros" : $0
    }

    /// The source for rows dated from `since` through `until` (either may be nil: no bound), reading
    /// `report_ad_buckets` of `tables`. Runs one query on `connection` to place the bounds in buckets.
    static func summary(since: String?, until: String?, tables: ProjectionTables, on connection: Connection)
        throws(LedgerError) -> ReportSource
    {
        // Whole buckets: from `since` if it starts one, else from the next bucket; up to (not including) the day
        // after `until` if that starts one, else the bucket holding `until`.
        var from: String?
        var to: String?
        if let since {
            let row = try connection.rows(
                """
                SELECT \(ReportSummary.bucket("?1")) = ?1,
                    min(date(?1, '+1 day', 'weekday 1'), date(?1, 'start of month', '+1 month'))
                """, [.text(since)]
            ).first
            from = row?[0].integer == 1 ? since : row?[1].text
        }
        if let until {
            let row = try connection.rows(
                "SELECT date(?1, '+1 day'), \(ReportSummary.bucket("date(?1, '+1 day')")), \(ReportSummary.bucket("?1"))",
                [.text(until)]
            ).first
            to = row?[0].text == row?[1].text ? row?[0].text : row?[2].text
        }
        let identity = "meta_ad_id, currency, brand_id, meta_ad_account_id, meta_campaign_id, meta_adset_id"
        let rowColumns = ReportMetric.baseColumns.map {
            ReportMetric.moneyColumns.contains($0) ? "\(ReportMetric.micros($0)) AS \($0)_micros" : $0
        }.joined(separator: ", ")
        var parts: [String] = []
        var parameters: [String: String] = [:]
        // Day rows of [low, high) as one-day buckets.
        func days(_ name: String, low: String?, high: String?, inclusive: Bool) {
            var conditions: [String] = []
            if let low {
                conditions.append("date >= :\(name)_from")
                parameters["\(name)_from"] = low
            }
            if let high {
                conditions.append("date \(inclusive ? "<=" : "<") :\(name)_to")
                parameters["\(name)_to"] = high
            }
            parts.append(
                """
                SELECT \(identity), \(ReportSummary.bucket("date")) AS date, \(ReportSummary.dayBit("date")) AS day_mask,
                    date AS first_day, date AS last_day, \(rowColumns)
                FROM \(tables("meta_ads_performance")) WHERE \(conditions.joined(separator: " AND "))
                """)
        }
        if let from, let to, from >= to {
            // The range lies inside one or two buckets but covers none whole.
            days("edge", low: since, high: until, inclusive: true)
        } else {
            var conditions: [String] = []
            if let from {
                conditions.append("bucket >= :summary_from")
                parameters["summary_from"] = from
            }
            if let to {
                conditions.append("bucket < :summary_to")
                parameters["summary_to"] = to
            }
            parts.append(
                """
                SELECT \(identity), bucket AS date, day_mask, first_day, last_day, \(columns.joined(separator: ", "))
                FROM \(tables(ReportSummary.table))\(conditions.isEmpty ? "" : " WHERE " + conditions.joined(separator: " AND "))
                """)
            if let since, let from, since < from { days("head", low: since, high: from, inclusive: false) }
            if let until, let to, to <= until { days("tail", low: to, high: until, inclusive: true) }
        }
        return ReportSource(sql: "(" + parts.joined(separator: "\nUNION ALL\n") + ")", parameters: parameters)
    }
}
