import Foundation

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
    /// True when the projections are the live tables (not as-of views), so the replaced versions are read from
    /// their table rather than the history view.
    let isLive: Bool
    /// True to read `drift_segments` (schema 9, live only) instead of the performance rows and their history.
    var usesSummary = false
    /// Over the summary, for `--by campaign`: the performance rows of the range (``ReportSource``), whose greatest
    /// ad per campaign and currency names the campaign, as the plain query's latest rows do.
    var labelSource: ReportSource?

    var parameters: [String: String] {
        var parameters = ["horizon": horizonDay]
        if let since = request.since { parameters["since"] = since }
        if let until = request.until { parameters["until"] = until }
        if usesSummary, let labelSource { parameters.merge(labelSource.parameters) { first, _ in first } }
        return parameters
    }

    /// The rows `segments` groups, from the projections: the latest values per group, currency, date and first
    /// fetch day, and per replaced version's fetch days the difference from the latest.
    private func plainRows(group: String, filters: [String]) -> String {
        let whereLatest = filters.isEmpty ? "" : "WHERE " + filters.joined(separator: " AND ")
        let whereReplaced = (["h.valid_to IS NOT NULL"] + filters).joined(separator: " AND ")
        // Money as exact integers of millionths (as the summary path and `report` sum it).
        let micros = ReportMetric.micros
        let latest = ReportMetric.baseColumns.map {
            ReportMetric.moneyColumns.contains($0) ? "sum(\(micros("p.\($0)"))) AS \($0)_micros" : "sum(p.\($0)) AS \($0)"
        }.joined(separator: ", ")
        let difference = ReportMetric.baseColumns.map {
            ReportMetric.moneyColumns.contains($0)
                ? "sum(\(micros("coalesce(h.\($0), 0)")) - \(micros("coalesce(p.\($0), 0)")))"
                : "sum(coalesce(h.\($0), 0) - coalesce(p.\($0), 0))"
        }.joined(separator: ", ")
        return """
            SELECT \(group) AS group_id, max(p.meta_ad_id) AS label_ad, p.currency AS currency, p.date AS date,
                substr(p.first_fetched_at, 1, 10) AS from_day, :horizon AS to_day, 1 AS is_latest,
                count(*) AS ad_days, \(latest)
            FROM meta_ads_performance p \(whereLatest)
            GROUP BY 1, 3, 4, 5
            UNION ALL
            SELECT \(group), NULL, p.currency, h.date, substr(h.valid_from, 1, 10), substr(h.valid_to, 1, 10),
                0, 0, \(difference)
            FROM \(isLive ? HistoryView.replacedTable : HistoryView.name) h
            JOIN meta_ads_performance p ON p.meta_ad_id = h.meta_ad_id AND p.date = h.date
            WHERE \(whereReplaced)
            GROUP BY 1, 3, 4, 5, 6
            """
    }

    /// The same rows from `drift_segments` (``DriftSummary``): its rows are per campaign, so they are added up
    /// per group; metrics come back from millionths, NULL where no row had a value (as `sum` gives).
    private func summaryRows(group: String, filters: [String]) -> String {
        let values = ReportMetric.baseColumns.map {
            ReportMetric.moneyColumns.contains($0)
                ? "sum(CASE WHEN p.\($0)_n > 0 THEN p.\($0)_micros END) AS \($0)_micros"
                : "sum(CASE WHEN p.\($0)_n > 0 THEN p.\($0)_micros / 1000000 END) AS \($0)"
        }
        return """
            SELECT \(group) AS group_id, NULL AS label_ad, p.currency AS currency, p.date AS date, p.from_day AS from_day,
                CASE WHEN p.is_latest = 1 THEN :horizon ELSE p.to_day END AS to_day, p.is_latest AS is_latest,
                sum(CASE WHEN p.is_latest = 1 THEN p.versions ELSE 0 END) AS ad_days, \(values.joined(separator: ", "))
            FROM \(DriftSummary.table) p\(filters.isEmpty ? "" : " WHERE " + filters.joined(separator: " AND "))
            GROUP BY 1, 3, 4, 5, 6, 7
            """
    }

    /// Rows: scope (0 group, 1 currency total), group id, group name, currency, age, kind (`latest` or
    /// `reported`), ad-days, metric, cost per purchase.
    var sql: String {
        let group = request.grouping == .campaign ? "p.meta_campaign_id" : "p.meta_ad_account_id"
        var name =
            request.grouping == .campaign
            ? "(SELECT x.campaign_name FROM meta_ads_performance x WHERE x.meta_ad_id = measured.label_ad ORDER BY x.date DESC LIMIT 1)"
            : ReportGrouping.accountName("measured.group_id")
        var labels = ""
        var from = "measured"
        if usesSummary, request.grouping == .campaign, let labelSource {
            labels = """
                labels AS MATERIALIZED (
                    SELECT meta_campaign_id AS label_group, currency AS label_currency, max(meta_ad_id) AS label_ad FROM \(labelSource.sql)
                    GROUP BY 1, 2),

                """
            name = name.replacingOccurrences(of: "measured.label_ad", with: "l.label_ad")
            from += " LEFT JOIN labels l ON l.label_group IS measured.group_id AND l.label_currency IS measured.currency"
        }
        var filters = [String]()
        if request.since != nil { filters.append("p.date >= :since") }
        if request.until != nil { filters.append("p.date <= :until") }
        let maxAge = DriftRequest.maxAge
        let exact = { (column: String) in "\(column)_micros" }
        let measures = """
            sum(ad_days) AS ad_days, \(request.metric.exactSQL(micros: exact)) AS metric, \
            \(ReportMetric.exact("sum(spend)", micros: exact)) / nullif(sum(purchases), 0) AS cpa
            """
        let rows = usesSummary ? summaryRows(group: group, filters: filters) : plainRows(group: group, filters: filters)
        return """
            WITH RECURSIVE ages(age) AS (SELECT 0 UNION ALL SELECT age + 1 FROM ages WHERE age < \(maxAge)),
            \(labels)segments AS MATERIALIZED (
                SELECT group_id, label_ad, currency,
                    max(0, CAST(julianday(from_day) - julianday(date) AS INTEGER)) AS a0,
                    min(\(maxAge + 1), CAST(julianday(to_day) - julianday(date) AS INTEGER)) AS a1,
                    is_latest, ad_days, \(ReportSource.columns.joined(separator: ", "))
                FROM (
            \(rows)
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
            FROM \(from)
            """
    }
}
