/// What `report drift` measures: one metric, grouped by account or campaign, over a range of days.
package struct DriftRequest: Sendable {
    /// The metric followed through restatements (default purchases).
    package var metric: ReportMetric
    /// `.account` or `.campaign`.
    package var grouping: ReportGrouping
    /// First and last day of the rows (`YYYY-MM-DD`), optional.
    package var since: String?
    package var until: String?

    /// The oldest age shown: Meta restates up to 28 days back.
    package static let maxAge = 28

    package init(metric: ReportMetric, grouping: ReportGrouping = .account) {
        self.metric = metric
        self.grouping = grouping
    }

    func validated() throws(LedgerError) {
        guard grouping == .account || grouping == .campaign else {
            throw .invalidInput(source: "--by \(grouping.rawValue)", reason: "drift groups by account or campaign")
        }
        for (flag, day) in [("--since", since), ("--until", until)] {
            if let day, !ReportRequest.isDay(day) {
                throw .invalidInput(source: "\(flag) \(day)", reason: "not a day; use YYYY-MM-DD, e.g. 2025-12-01")
            }
        }
    }
}
