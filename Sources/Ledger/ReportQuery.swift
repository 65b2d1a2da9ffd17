/// The SQL of one `report` request over the projections (so it answers as of the ledger's `setAsOf` time).
struct ReportQuery {
    let request: ReportRequest
    /// The key columns of the groupings, without repeats (creative and brand share `brand_id`).
    let keys: [(name: String, sql: String)]
    let columns: [ReportColumn]
    let parameters: [String: String]
    private let from: String

    /// A query for `request`; `isLive` when the projections are the live tables (not as-of views), so the
    /// covering index can be named: SQLite would otherwise walk the account or date index and read every row.
    init(_ request: ReportRequest, isLive: Bool) {
        self.request = request
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
        let conditions: [(String?, String, String)] = [
            (request.since, "since", "p.date >= :since"), (request.until, "until", "p.date <= :until"),
            (request.brand, "brand", "coalesce(g.brand_id, p.brand_id) = :brand"),
            (request.account, "account", "p.meta_ad_account_id = :account"),
            (request.campaign, "campaign", "p.meta_campaign_id = :campaign"),
        ]
        for (value, name, condition) in conditions {
            guard let value else { continue }
            filters.append(condition)
            parameters[name] = value
        }
        self.parameters = parameters
        var from = "meta_ads_performance p" + (isLive ? " INDEXED BY meta_ads_performance_report" : "")
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
        var selected = keys.map { "\($0.sql) AS \($0.name)" }
        var outer = keys.map(\.name)
        for grouping in request.groupings {
            if let label = grouping.label { outer.append("\(label.sql) AS \(label.name)") }
        }
        // With one max() in the query, SQLite takes the bare column from the row holding that max: the group's
        // latest row, whose names the labels show.
        selected += ["max(p.date) AS label_day", "p.meta_ad_id AS label_ad"]
        selected.append("p.currency AS currency")
        outer.append("currency")
        for column in columns {
            guard let metric = column.metric else { continue }
            selected.append("\(metric.sql) AS \(column.name)")
            outer.append(column.name)
        }
        selected += ["count(DISTINCT p.date) AS days_live", "count(DISTINCT p.meta_ad_id) AS meta_ads"]
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
        let having = request.minSpend.map { " HAVING sum(p.spend) >= \(Self.literal($0))" } ?? ""
        let ranked = request.rank.map { " WHERE report_rank <= \($0.count) AND \(metric.column) IS NOT NULL" } ?? ""
        return """
            WITH grouped AS (
                SELECT \(selected.joined(separator: ", "))
                FROM \(from)
                GROUP BY \(keys.map(\.sql).joined(separator: ", ")), p.currency\(having)
            )
            SELECT \(outer.joined(separator: ", ")) FROM (
                SELECT *, row_number() OVER (PARTITION BY currency ORDER BY \(order)) AS report_rank FROM grouped
            ) AS grouped\(ranked)
            ORDER BY currency, report_rank
            """
    }

    /// The metric per group and bucket: key columns, currency, bucket, value.
    func trendSQL(unit: ReportGrouping) -> String {
        let bucket = unit.keys[0].sql
        return """
            SELECT \(keys.map(\.sql).joined(separator: ", ")), p.currency, \(bucket), \(request.metric.sql)
            FROM \(from)
            GROUP BY \(keys.map(\.sql).joined(separator: ", ")), p.currency, \(bucket)
            """
    }

    /// The first and last day of the filtered rows.
    var rangeSQL: String { "SELECT min(p.date), max(p.date) FROM \(from)" }

    /// One text key for a group's identifying values.
    static func groupKey(_ values: some Collection<SQLValue>) -> String {
        values.map { $0 == .null ? "\u{0}" : $0.plainText }.joined(separator: "\u{1F}")
    }

    /// A number as an SQL literal.
    static func literal(_ value: Double) -> String {
        value.isFinite ? (value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : "\(value)") : "0"
    }
}
