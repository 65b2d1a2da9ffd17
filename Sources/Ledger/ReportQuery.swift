/// The SQL of one `report` request over the projections (so it answers as of the ledger's `setAsOf` time).
struct ReportQuery {
    let request: ReportRequest
    /// The key columns of the groupings, without repeats (creative and brand share `brand_id`).
    let keys: [(name: String, sql: String)]
    let columns: [ReportColumn]
    let parameters: [String: String]
    /// The summary rows read instead of `meta_ads_performance`, if any (see ``ReportSource``).
    let source: ReportSource?
    private let from: String

    /// A query for `request`, over `meta_ads_performance` (live or as of a time). With a `source`, rows come from
    /// `report_ad_buckets` (schema 8) and the edge days of the range instead (the source applies `since`/`until`
    /// itself).
    init(_ request: ReportRequest, source: ReportSource? = nil) {
        self.request = request
        self.source = source
        var keys: [(name: String, sql: String)] = []
        for grouping in request.groupings {
            for key in grouping.keys where !keys.contains(where: { $0.name == key.name }) { keys.append(key) }
        }
        self.keys = keys
        var columns = keys.map { ReportColumn(name: $0.name, kind: .key) }
        for grouping in request.groupings {
            if let label = grouping.label { columns.append(.init(name: label.name, kind: .label)) }
        }
        columns.append(ReportColumn(name: "currency", kind: .currency))
        for metric in ReportMetric.all where metric.isDefault || metric == request.metric {
            columns.append(ReportColumn(name: metric.column, kind: .metric(metric)))
        }
        columns += ["days_live", "meta_ads"].map { ReportColumn(name: $0, kind: .count) }
        self.columns = columns

        var filters: [String] = []
        var parameters: [String: String] = [:]
        let range: [(String?, String, String)] = [
            (request.since, "since", "p.date >= :since"), (request.until, "until", "p.date <= :until"),
        ]
        let conditions: [(String?, String, String)] =
            (source == nil ? range : []) + [
                (request.brand, "brand", "coalesce(g.brand_id, p.brand_id) = :brand"),
                (request.account, "account", "p.meta_ad_account_id = :account"),
                (request.campaign, "campaign", "p.meta_campaign_id = :campaign"),
            ]
        for (value, name, condition) in conditions {
            guard let value else { continue }
            filters.append(condition)
            parameters[name] = value
        }
        if let source { parameters.merge(source.parameters) { first, _ in first } }
        self.parameters = parameters
        var from =
            source.map { "\($0.sql) AS p" }
            ?? "meta_ads_performance p"
        if request.mappedOnly {
            from +=
                " JOIN meta_ad_mapping m ON m.meta_ad_id = p.meta_ad_id JOIN generated_ads g ON g.id = m.generated_ad_id"
        } else if request.brand != nil || request.groupings.contains(where: \.needsCreatives) {
            from +=
                " LEFT JOIN meta_ad_mapping m ON m.meta_ad_id = p.meta_ad_id LEFT JOIN generated_ads g ON g.id = m.generated_ad_id"
        }
        if !filters.isEmpty { from += " WHERE " + filters.joined(separator: " AND ") }
        self.from = from
    }

    /// How many leading columns identify a group (the keys; the currency follows the labels).
    var keyCount: Int { keys.count }

    /// The grouped, filtered, ordered and ranked rows, one column per ``columns``.
    var sql: String {
        let metric = request.metric
        var outer = keys.map(\.name)
        for grouping in request.groupings {
            if let label = grouping.label { outer.append("\(label.sql) AS \(label.name)") }
        }
        outer.append("currency")
        for column in columns where column.metric != nil { outer.append(column.name) }
        outer += ["days_live", "meta_ads"]
        let keyOrder = keys.map(\.name).joined(separator: ", ")
        let order: String
        switch request.rank {
        case .bottom: order = "\(metric.column) ASC NULLS LAST, \(keyOrder)"
        case .top: order = "\(metric.column) DESC NULLS LAST, \(keyOrder)"
        case nil:
            let byTime = request.orderBy == nil && request.groupings.contains(where: \.isTime)
            order = byTime ? keyOrder : "\(metric.column) DESC NULLS LAST, \(keyOrder)"
        }
        let ranked = request.rank.map { " WHERE report_rank <= \($0.count) AND \(metric.column) IS NOT NULL" } ?? ""
        return """
            WITH \(source == nil ? plainGrouped : summaryGrouped)
            SELECT \(outer.joined(separator: ", ")) FROM (
                SELECT *, row_number() OVER (PARTITION BY currency ORDER BY \(order)) AS report_rank FROM grouped
            ) AS grouped\(ranked)
            ORDER BY currency, report_rank
            """
    }

    /// `grouped`: one row per group, straight from the performance rows. The labels show the names of the
    /// group's latest row: the greatest `date || ' ' || meta_ad_id` (the latest day; among ads, the greatest id).
    private var plainGrouped: String {
        var selected = keys.map { "\($0.sql) AS \($0.name)" }
        selected += [
            "substr(max(p.date || ' ' || p.meta_ad_id), 1, 10) AS label_day",
            "substr(max(p.date || ' ' || p.meta_ad_id), 12) AS label_ad", "p.currency AS currency",
        ]
        for column in columns {
            guard let metric = column.metric else { continue }
            selected.append("\(metric.exactSQL(micros: Self.rowMicros)) AS \(column.name)")
        }
        selected += ["count(DISTINCT p.date) AS days_live", "count(DISTINCT p.meta_ad_id) AS meta_ads"]
        let spend = ReportMetric.exact("sum(spend)", micros: Self.rowMicros)
        let having = request.minSpend.map { " HAVING \(spend) >= \(Self.literal($0))" } ?? ""
        return """
            grouped AS (
                SELECT \(selected.joined(separator: ", "))
                FROM \(from)
                GROUP BY \(keys.map(\.sql).joined(separator: ", ")), p.currency\(having)
            )
            """
    }

    /// `grouped` from summary rows (``source``): their keys computed once (`src`); then per group, the metric
    /// sums, its distinct ads and its latest row, and per group and bucket, the distinct days (the OR of the
    /// bucket's day masks, counted bit by bit); both added up per group. (Two sorts of the summary rows; a
    /// level per group and ad instead cost ~2× on `--by campaign,week`, where nearly every row is its own.)
    private var summaryGrouped: String {
        let keyList = keys.map(\.name).joined(separator: ", ")
        let base = ReportSource.columns
        var selected = keys.map { "\($0.sql) AS \($0.name)" }
        selected += [
            "p.currency AS currency", "p.date AS s_bucket", "p.meta_ad_id AS s_ad", "p.day_mask AS s_mask",
            "p.last_day || ' ' || p.meta_ad_id AS s_label",
        ]
        selected += base.map { "p.\($0) AS \($0)" }
        let days = (0..<7).map { "(max(s_mask & \(1 << $0)) > 0)" }.joined(separator: " + ")
        let nulls = base.map { "NULL AS \($0)" }.joined(separator: ", ")
        let sums = base.map { "sum(\($0))" }.joined(separator: ", ")
        let micros = { (column: String) in "\(column)_micros" }
        var measures = ["substr(max(s_label), 1, 10) AS label_day", "substr(max(s_label), 12) AS label_ad", "currency"]
        for column in columns {
            guard let metric = column.metric else { continue }
            measures.append("\(metric.exactSQL(micros: micros)) AS \(column.name)")
        }
        measures += ["sum(s_days) AS days_live", "sum(s_ads) AS meta_ads"]
        let spend = ReportMetric.exact("sum(spend)", micros: micros)
        let having = request.minSpend.map { " HAVING \(spend) >= \(Self.literal($0))" } ?? ""
        return """
            src AS MATERIALIZED (
                SELECT \(selected.joined(separator: ", "))
                FROM \(from)
            ),
            parts AS (
                SELECT \(keyList), currency, NULL AS s_label, NULL AS s_ads, \(days) AS s_days, \(nulls)
                FROM src GROUP BY \(keyList), currency, s_bucket
                UNION ALL
                SELECT \(keyList), currency, max(s_label), count(DISTINCT s_ad), NULL, \(sums)
                FROM src GROUP BY \(keyList), currency
            ),
            grouped AS (
                SELECT \(keyList), \(measures.joined(separator: ", "))
                FROM parts GROUP BY \(keyList), currency\(having)
            )
            """
    }

    /// The metric per group and bucket: key columns, currency, bucket, value.
    func trendSQL(unit: ReportGrouping) -> String {
        let bucket = unit.keys[0].sql
        return """
            SELECT \(keys.map(\.sql).joined(separator: ", ")), p.currency, \(bucket), \(
                request.metric.exactSQL(micros: source == nil ? Self.rowMicros : { "p.\($0)_micros" }))
            FROM \(from)
            GROUP BY \(keys.map(\.sql).joined(separator: ", ")), p.currency, \(bucket)
            """
    }

    /// The first and last day of the filtered rows.
    var rangeSQL: String {
        source == nil ? "SELECT min(p.date), max(p.date) FROM \(from)" : "SELECT min(p.first_day), max(p.last_day) FROM \(from)"
    }

    /// A money column of a performance row as an integer of millionths.
    static func rowMicros(_ column: String) -> String { ReportMetric.micros("p.\(column)") }

    /// One text key for a group's identifying values.
    static func groupKey(_ values: some Collection<SQLValue>) -> String {
        values.map { $0 == .null ? "\u{0}" : $0.plainText }.joined(separator: "\u{1F}")
    }

    /// A number as an SQL literal.
    static func literal(_ value: Double) -> String {
        value.isFinite ? (value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : "\(value)") : "0"
    }
}
