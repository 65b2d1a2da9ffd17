/// The SQL of `report drift`, over `meta_ads_performance` and its history (so as-of aware).
///
/// Each ad-day's versions cover ranges of ages: a version fetched on UTC day `date + a0` and replaced on day
/// `date + a1` is what was known at the end of days `date + a0 … date + a1 - 1`. The query sums, per group and
/// age, the latest values of the ad-days known by then (from `first_fetched_at` up to the last complete day),
/// plus each replaced version's difference from the latest over the ages it covered: the value as reported at
/// that age. It groups by day text first (cheap), computes ages on those few rows, and so reads the big tables
/// once and joins the ages to a few thousand rows.
struct DriftQuery {
    let request: DriftRequest
    /// The first day not yet complete (UTC): the as-of day, or today.
    let horizonDay: String
    /// True when the projections are the live tables (not as-of views), so their indexes can be named.
    let isLive: Bool

    var parameters: [String: String] {
        var parameters = ["horizon": horizonDay]
        if let since = request.since { parameters["since"] = since }
        if let until = request.until { parameters["until"] = until }
        return parameters
    }

    /// Rows: scope (0 group, 1 currency total), group id, group name, currency, age, kind (`latest` or
    /// `reported`), ad-days, metric, cost per purchase.
    var sql: String {
        let group = request.grouping == .campaign ? "p.meta_campaign_id" : "p.meta_ad_account_id"
        let name =
            request.grouping == .campaign
            ? "(SELECT x.campaign_name FROM meta_ads_performance x WHERE x.meta_ad_id = measured.label_ad ORDER BY x.date DESC LIMIT 1)"
            : ReportGrouping.accountName("measured.group_id")
        var filters = [String]()
        if request.since != nil { filters.append("p.date >= :since") }
        if request.until != nil { filters.append("p.date <= :until") }
        let whereLatest = filters.isEmpty ? "" : "WHERE " + filters.joined(separator: " AND ")
        let whereReplaced = (["h.valid_to IS NOT NULL"] + filters).joined(separator: " AND ")
        let latest = ReportMetric.baseColumns.map { "sum(p.\($0)) AS \($0)" }.joined(separator: ", ")
        let difference = ReportMetric.baseColumns.map { "sum(coalesce(h.\($0), 0) - coalesce(p.\($0), 0))" }
            .joined(separator: ", ")
        let maxAge = DriftRequest.maxAge
        let measures =
            "sum(ad_days) AS ad_days, \(request.metric.sql) AS metric, sum(spend) / nullif(sum(purchases), 0) AS cpa"
        return """
            WITH RECURSIVE ages(age) AS (SELECT 0 UNION ALL SELECT age + 1 FROM ages WHERE age < \(maxAge)),
            segments AS MATERIALIZED (
                SELECT group_id, label_ad, currency,
                    max(0, CAST(julianday(from_day) - julianday(date) AS INTEGER)) AS a0,
                    min(\(maxAge + 1), CAST(julianday(to_day) - julianday(date) AS INTEGER)) AS a1,
                    is_latest, ad_days, \(ReportMetric.baseColumns.joined(separator: ", "))
                FROM (
                    SELECT \(group) AS group_id, max(p.meta_ad_id) AS label_ad, p.currency AS currency, p.date AS date,
                        substr(p.first_fetched_at, 1, 10) AS from_day, :horizon AS to_day, 1 AS is_latest,
                        count(*) AS ad_days, \(latest)
                    FROM meta_ads_performance p \(isLive ? "INDEXED BY meta_ads_performance_report " : "")\(whereLatest)
                    GROUP BY 1, 3, 4, 5
                    UNION ALL
                    SELECT \(group), NULL, p.currency, h.date, substr(h.valid_from, 1, 10), substr(h.valid_to, 1, 10),
                        0, 0, \(difference)
                    FROM meta_ads_performance_history h
                    JOIN meta_ads_performance p \(isLive ? "INDEXED BY meta_ads_performance_report " : "")\
                    ON p.meta_ad_id = h.meta_ad_id AND p.date = h.date
                    WHERE \(whereReplaced)
                    GROUP BY 1, 3, 4, 5, 6
                )
            ),
            per_age AS (
                SELECT s.*, ages.age, kinds.kind FROM segments s
                JOIN ages ON ages.age >= s.a0 AND ages.age < s.a1
                JOIN (SELECT 'latest' AS kind UNION ALL SELECT 'reported') kinds
                    ON kinds.kind = 'reported' OR s.is_latest = 1
            ),
            measured AS (
                SELECT 0 AS scope, group_id, max(label_ad) AS label_ad, currency, age, kind, \(measures)
                FROM per_age GROUP BY group_id, currency, age, kind
                UNION ALL
                SELECT 1, NULL, NULL, currency, age, kind, \(measures)
                FROM per_age GROUP BY currency, age, kind
            )
            SELECT scope, group_id, CASE WHEN scope = 0 THEN \(name) END, currency, age, kind, ad_days, metric, cpa
            FROM measured
            """
    }
}
