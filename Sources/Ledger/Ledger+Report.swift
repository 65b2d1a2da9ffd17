extension Ledger {
    /// SQL for `report`: mapped performance from the `creative_performance` view, grouped and per currency
    /// (money is never added across currencies), biggest spend first.
    package static func reportSQL(by grouping: ReportGrouping, since: String?, until: String?)
        -> (sql: String, parameters: [String: String])
    {
        var filters: [String] = []
        var parameters: [String: String] = [:]
        if let since {
            filters.append("date >= :since")
            parameters["since"] = since
        }
        if let until {
            filters.append("date <= :until")
            parameters["until"] = until
        }
        let keys = grouping.columns.joined(separator: ", ")
        return (
            """
            SELECT \(keys), currency,
                round(sum(spend), 2) AS spend, sum(impressions) AS impressions, sum(clicks) AS clicks,
                sum(link_clicks) AS link_clicks,
                round(100.0 * sum(clicks) / nullif(sum(impressions), 0), 4) AS ctr,
                round(100.0 * sum(link_clicks) / nullif(sum(impressions), 0), 4) AS link_ctr,
                sum(purchases) AS purchases, round(sum(purchase_value), 2) AS purchase_value,
                round(sum(purchase_value) / nullif(sum(spend), 0), 4) AS roas,
                round(sum(spend) / nullif(sum(purchases), 0), 4) AS cost_per_purchase,
                count(DISTINCT date) AS days_live, count(DISTINCT meta_ad_id) AS meta_ads
            FROM creative_performance \(filters.isEmpty ? "" : "WHERE " + filters.joined(separator: " AND "))
            GROUP BY \(keys), currency
            ORDER BY currency, sum(spend) DESC, \(keys)
            """, parameters
        )
    }
}
