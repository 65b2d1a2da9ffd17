import Foundation

/// A number `report` computes per group, ranks by (`--order-by`), draws (`--trend`) and tracks through
/// restatements (`report drift --metric`). Each is one SQL aggregate over the additive columns of
/// `meta_ads_performance` (``baseColumns``), so it is right for any grouping, and a new metric is one line in
/// ``all`` (plus its source column in ``baseColumns`` if that is new).
package struct ReportMetric: Sendable, Hashable {
    /// How values are rounded and shown.
    package enum Unit: Sendable, Hashable {
        /// In the row's currency: rounded to its minor unit (2 decimals, 0 for JPY and the other
        /// zero-decimal currencies), never added across currencies.
        case money
        /// A whole number.
        case count
        /// A ratio or a percentage, rounded to 4 decimals.
        case ratio
    }

    /// The `--order-by` / `--metric` name.
    package let name: String
    /// The output column.
    package let column: String
    /// An aggregate over rows holding ``baseColumns``, e.g. `sum(purchase_value) / nullif(sum(spend), 0)`.
    package let sql: String
    package let unit: Unit
    /// Shown in `report` even when not chosen with `--order-by`.
    package let isDefault: Bool

    init(_ name: String, _ unit: Unit, _ sql: String, column: String? = nil, isDefault: Bool = false) {
        self.name = name
        self.column = column ?? name
        self.sql = sql
        self.unit = unit
        self.isDefault = isDefault
    }

    /// Every metric, in column order. Normalizer v2 metrics are one line each, e.g.
    /// `ReportMetric("hook_rate", .ratio, "1.0 * sum(video_3s_views) / nullif(sum(impressions), 0)")`.
    package static let all: [ReportMetric] = [
        ReportMetric("spend", .money, "sum(spend)", isDefault: true),
        ReportMetric("impressions", .count, "sum(impressions)", isDefault: true),
        ReportMetric("clicks", .count, "sum(clicks)", isDefault: true),
        ReportMetric("link_clicks", .count, "sum(link_clicks)", isDefault: true),
        ReportMetric("ctr", .ratio, "100.0 * sum(clicks) / nullif(sum(impressions), 0)", isDefault: true),
        ReportMetric("link_ctr", .ratio, "100.0 * sum(link_clicks) / nullif(sum(impressions), 0)", isDefault: true),
        ReportMetric("purchases", .count, "sum(purchases)", isDefault: true),
        ReportMetric("purchase_value", .money, "sum(purchase_value)", isDefault: true),
        ReportMetric("roas", .ratio, "total(purchase_value) / nullif(sum(spend), 0)", isDefault: true),
        ReportMetric(
            "cpa", .money, "sum(spend) / nullif(sum(purchases), 0)", column: "cost_per_purchase", isDefault: true),
        ReportMetric("add_to_carts", .count, "sum(add_to_carts)"),
        ReportMetric("cost_per_add_to_cart", .money, "sum(spend) / nullif(sum(add_to_carts), 0)"),
        ReportMetric("video_views", .count, "sum(video_views)"),
        ReportMetric("cpm", .money, "1000.0 * sum(spend) / nullif(sum(impressions), 0)"),
        ReportMetric("cpc", .money, "sum(spend) / nullif(sum(clicks), 0)"),
        ReportMetric("conversion_rate", .ratio, "100.0 * sum(purchases) / nullif(sum(link_clicks), 0)"),
    ]

    /// The additive `meta_ads_performance` columns the metrics are built from.
    static let baseColumns = [
        "spend", "impressions", "clicks", "link_clicks", "purchases", "purchase_value", "add_to_carts", "video_views",
    ]

    /// The money columns among ``baseColumns``. Queries sum them as exact integers of millionths (see
    /// ``exactSQL(micros:)``), so a sum is the same decimal whatever order its rows are added in: the report's
    /// summary (``ReportSummary``) and the plain query give the same figures, even for a cost per purchase that
    /// falls on a rounding boundary (206.34 / 12 = 17.195 is 17.20, not 17.19 from a float sum 206.33999…).
    static let moneyColumns = ["spend", "purchase_value"]

    /// ``sql`` with each `sum(…)` and `total(…)` of a money column taken over `micros(column)` (SQL for that
    /// column as an integer of millionths) and divided back into units.
    func exactSQL(micros: (String) -> String) -> String {
        Self.exact(sql, micros: micros)
    }

    /// `sql` (an aggregate over ``baseColumns``) with its money sums made exact, as ``exactSQL(micros:)``.
    static func exact(_ sql: String, micros: (String) -> String) -> String {
        var sql = sql
        for column in moneyColumns {
            for function in ["sum", "total"] {
                sql = sql.replacingOccurrences(
                    of: "\(function)(\(column))", with: "(\(function)(\(micros(column))) / 1000000.0)")
            }
        }
        return sql
    }

    /// SQL for a value as an integer of millionths.
    static func micros(_ value: String) -> String { "CAST(round((\(value)) * 1000000) AS INTEGER)" }

    /// The metric called `name` (its `--order-by` name or its column).
    package static func named(_ name: String) throws(LedgerError) -> ReportMetric {
        let key = name.lowercased()
        guard let metric = all.first(where: { $0.name == key || $0.column == key }) else {
            throw .invalidInput(
                source: "metric \"\(name)\"",
                reason: "not a report metric; use one of \(all.map(\.name).joined(separator: ", "))")
        }
        return metric
    }

    /// Rounds a value of this metric for output: money to `currency`'s minor unit (an integer for zero-decimal
    /// currencies), ratios to 4 decimals, counts as integers.
    package func rounded(_ value: SQLValue, currency: String?) -> SQLValue {
        let number: Double
        switch value {
        case .integer(let i): number = Double(i)
        case .real(let d): number = d
        default: return value
        }
        guard number.isFinite else { return .null }
        let decimals: Int
        switch unit {
        case .count: decimals = 0
        case .ratio: decimals = 4
        case .money: decimals = CurrencyOffset.decimals(of: currency)
        }
        if decimals == 0 { return .integer(Int64(number.rounded())) }
        let scale = Double(CurrencyOffset.powerOfTen(decimals))
        return .real((number * scale).rounded() / scale)
    }
}
