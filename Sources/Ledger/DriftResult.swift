/// The answer of `report drift`: rows per group and age, and a one-line summary per currency.
package struct DriftResult: Sendable, Hashable {
    package var metric: ReportMetric
    package var grouping: ReportGrouping
    /// The time "latest" means: the as-of time, or now (ledger UTC text).
    package var latestAt: String
    /// True when answered as of an earlier time.
    package var isAsOf: Bool
    package var rows: [DriftRow]
    /// All groups of one currency, per age (the summary's source).
    package var totals: [DriftRow]

    /// The columns of ``rows`` as `report drift` prints them.
    package var columns: [String] {
        let group =
            grouping == .campaign ? ["meta_campaign_id", "campaign_name"] : ["meta_ad_account_id", "account_name"]
        return group + [
            "currency", "age_days", "ad_days", "\(metric.column)_reported", "\(metric.column)_latest",
            "percent_of_latest",
        ]
    }

    /// One line per currency, e.g. "USD: purchases reported on day +1 were 81 % of today's; on day +7, 96 %;
    /// CPA moved −12 %": from the first age after day +0 with data (usually +1) and from day +7 (or the next
    /// age with data); CPA from that first age to the latest, omitted when unknown.
    package var summary: [String] {
        let currencies = Array(Set(totals.map { $0.currency ?? "" })).sorted()
        let reference = isAsOf ? "the value at \(latestAt)" : "today's"
        return currencies.map { currency in
            let rows = totals.filter { ($0.currency ?? "") == currency && $0.percentOfLatest != nil }
            let name = currency.isEmpty ? "(no currency)" : currency
            guard let first = rows.first(where: { $0.age >= 1 }) ?? rows.first else {
                return "\(name): no \(metric.name) known before the latest fetch"
            }
            var line =
                "\(name): \(metric.name) reported on day +\(first.age) were \(Self.percent(first)) of \(reference)"
            if let week = rows.first(where: { $0.age >= max(7, first.age + 1) }) {
                line += "; on day +\(week.age), \(Self.percent(week))"
            }
            if let change = cpaChange[currency], let age = cpaAge[currency], age == first.age {
                line += "; CPA moved \(change < 0 ? "−" : "+")\(Self.format(abs(change))) %"
            }
            return line
        }
    }

    private static func percent(_ row: DriftRow) -> String { "\(format(row.percentOfLatest ?? 0)) %" }

    /// Per currency: how CPA moved from the summary's first age to the latest, in percent, and that age.
    package var cpaChange: [String: Double] = [:]
    package var cpaAge: [String: Int] = [:]

    /// A percentage with at most one decimal, as people read it: `81`, `96.5`.
    package static func format(_ value: Double) -> String {
        let rounded = (value * 10).rounded() / 10
        return rounded == rounded.rounded() ? String(Int64(rounded)) : String(rounded)
    }
}
