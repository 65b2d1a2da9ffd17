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
        let group = grouping == .campaign ? ["meta_campaign_id", "campaign_name"] : ["meta_ad_account_id", "account_name"]
        return group + ["currency", "age_days", "ad_days", "\(metric.column)_reported", "\(metric.column)_latest",
            "percent_of_latest"]
    }

    /// One line per currency, e.g. "USD: purchases reported on day +1 were 81 % of today's; on day +7, 96 %;
    /// CPA moved −12 %" (CPA from day +1 to the latest; omitted when unknown).
    package var summary: [String] {
        let currencies = Array(Set(totals.map { $0.currency ?? "" })).sorted()
        let reference = isAsOf ? "the value at \(latestAt)" : "today's"
        return currencies.map { currency in
            let rows = totals.filter { ($0.currency ?? "") == currency }
            func percent(_ age: Int) -> String {
                guard let value = rows.first(where: { $0.age == age })?.percentOfLatest else { return "n/a" }
                return "\(Self.format(value)) %"
            }
            var line = "\(currency.isEmpty ? "(no currency)" : currency): \(metric.name) reported on day +1 were "
                + "\(percent(1)) of \(reference); on day +7, \(percent(7))"
            if let change = cpaChange[currency] {
                line += "; CPA moved \(change < 0 ? "−" : "+")\(Self.format(abs(change))) %"
            }
            return line
        }
    }

    /// Per currency: how CPA moved from day +1 to the latest, in percent.
    package var cpaChange: [String: Double] = [:]

    /// A percentage with at most one decimal, as people read it: `81`, `96.5`.
    package static func format(_ value: Double) -> String {
        let rounded = (value * 10).rounded() / 10
        return rounded == rounded.rounded() ? String(Int64(rounded)) : String(rounded)
    }
}
