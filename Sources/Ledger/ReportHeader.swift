/// What a `report` result holds, known before its rows.
package struct ReportHeader: Sendable, Hashable {
    /// The columns of every row.
    package var columns: [ReportColumn]
    /// The metric rows are ordered by, and trends draw.
    package var metric: ReportMetric
    /// The trend's buckets (days `YYYY-MM-DD`, weeks by their Monday, or months `YYYY-MM`); empty without trend.
    package var trendBuckets: [String]
    /// How the trend is bucketed (`.day`, `.week` or `.month`), when there is one.
    package var trendUnit: ReportGrouping?

    package init(
        columns: [ReportColumn], metric: ReportMetric, trendBuckets: [String] = [], trendUnit: ReportGrouping? = nil
    ) {
        self.columns = columns
        self.metric = metric
        self.trendBuckets = trendBuckets
        self.trendUnit = trendUnit
    }
}
