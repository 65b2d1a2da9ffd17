/// One column of a `report` result.
package struct ReportColumn: Sendable, Hashable {
    /// What the column holds.
    package enum Kind: Sendable, Hashable {
        /// Part of the group's identity (e.g. `concept`, `week`).
        case key
        /// A name shown beside the keys (e.g. `campaign_name`).
        case label
        /// The currency of the group's money.
        case currency
        /// A metric's value.
        case metric(ReportMetric)
        /// A plain count (`days_live`, `meta_ads`).
        case count
    }

    package let name: String
    package let kind: Kind

    /// The metric of a metric column.
    package var metric: ReportMetric? {
        if case .metric(let metric) = kind { return metric }
        return nil
    }
}
