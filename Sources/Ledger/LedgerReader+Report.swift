import Normalization

extension LedgerReader {
    /// Runs `report`: performance from `meta_ads_performance` (as of the ledger's `setAsOf` time) grouped by
    /// `request`, one group per currency (money is never added across currencies). Ads with no active mapping
    /// are grouped as "(unmapped)" unless `mappedOnly`. Calls `header` once, then `row` per group in order:
    /// by currency, then by the request's metric (highest first; `bottom`: lowest first). `useSummary: false`
    /// reads `meta_ads_performance` even where `report_ad_buckets` could answer (tests compare the two).
    package func report(
        _ request: ReportRequest, useSummary: Bool = true, header: (ReportHeader) throws -> Void,
        row: (ReportRow) throws -> Void
    ) throws {
        let request = try request.validated()
        let query = try reportQuery(request, summary: useSummary)
        var trends: [String: [Double?]] = [:]
        var reportHeader = ReportHeader(
            columns: query.columns, metric: request.metric, trendBuckets: [], trendUnit: nil)
        if request.trend, let range = try dateRange(query) {
            // Days for a range up to a month, weeks up to half a year, months beyond.
            let days = try buckets(.day, from: range.first, to: range.last)
            let unit: ReportGrouping = days.count <= 31 ? .day : days.count <= 183 ? .week : .month
            let buckets = unit == .day ? days : try buckets(unit, from: range.first, to: range.last)
            let index = Dictionary(buckets.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
            // The summary has no days: a daily trend reads the performance rows.
            let trendQuery = unit == .day && query.source != nil ? ReportQuery(request) : query
            try self.query(
                trendQuery.trendSQL(unit: unit), parameters: trendQuery.parameters, columns: { _ in },
                row: { values in
                    // Keys, currency, bucket, value.
                    let bucketIndex = query.keyCount + 1
                    guard let bucket = values[bucketIndex].text, let at = index[bucket] else { return }
                    let key = ReportQuery.groupKey(values.prefix(bucketIndex))
                    var series = trends[key] ?? Array(repeating: nil, count: buckets.count)
                    series[at] = values[bucketIndex + 1].number
                    trends[key] = series
                })
            reportHeader.trendBuckets = buckets
            reportHeader.trendUnit = unit
        }
        try header(reportHeader)
        let currencyIndex = query.columns.firstIndex { $0.kind == .currency } ?? 0
        try self.query(
            query.sql, parameters: query.parameters, columns: { _ in },
            row: { values in
                let currency = values[currencyIndex].text
                var rounded = values
                for (i, column) in query.columns.enumerated() {
                    if let metric = column.metric { rounded[i] = metric.rounded(values[i], currency: currency) }
                }
                let trend =
                    request.trend
                    ? trends[ReportQuery.groupKey(values.prefix(query.keyCount) + [values[currencyIndex]])]
                        ?? Array(repeating: nil, count: reportHeader.trendBuckets.count) : []
                try row(ReportRow(values: rounded, currency: currency, trend: trend))
            })
    }

    /// The query for `request`: over `report_ad_buckets` (``ReportSource``) when it can answer, else over
    /// `meta_ads_performance`. The summary is live-only (as-of reads the as-of performance table) and has no
    /// days (`--by day` reads the performance rows).
    func reportQuery(_ request: ReportRequest, summary: Bool = true) throws(LedgerError) -> ReportQuery {
        guard summary, asOfTime == nil, !request.groupings.contains(.day), try hasTable(ReportSummary.table) else {
            return ReportQuery(request)
        }
        let source = try ReportSource.summary(
            since: request.since, until: request.until, tables: .live, on: connection)
        return ReportQuery(request, source: source)
    }

    /// True when the live schema has the table `name` (a summary a ledger opened read-only before its
    /// migration may lack).
    func hasTable(_ name: String) throws(LedgerError) -> Bool {
        try connection.scalar(
            "SELECT count(*) FROM main.sqlite_master WHERE type = 'table' AND name = ?", [.text(name)])?.integer == 1
    }

    /// The first and last day of the rows a report covers: its `since`/`until`, else the data's.
    private func dateRange(_ query: ReportQuery) throws -> (first: String, last: String)? {
        var found: (String, String)?
        try self.query(
            query.rangeSQL, parameters: query.parameters, columns: { _ in },
            row: { values in
                guard let low = values[0].text, let high = values[1].text else { return }
                found = (query.request.since ?? low, query.request.until ?? high)
            })
        return found
    }

    /// Every bucket label of `unit` (day, week or month) from the one holding `first` to the one holding `last`,
    /// by the same SQL that groups rows.
    private func buckets(_ unit: ReportGrouping, from first: String, to last: String) throws -> [String] {
        var labels: [String] = []
        try self.query(
            """
            WITH RECURSIVE p(date) AS (
                SELECT date(:first) UNION ALL SELECT date(date, '+1 day') FROM p WHERE date < date(:last))
            SELECT DISTINCT \(unit.keys[0].sql) FROM p ORDER BY 1
            """, parameters: ["first": first, "last": last], columns: { _ in }, row: { labels.append($0[0].plainText) })
        return labels
    }

    /// The whole report as one result (for callers that need every row, e.g. HTML and tests).
    package func report(_ request: ReportRequest, useSummary: Bool = true) throws -> (
        header: ReportHeader, rows: [ReportRow]
    ) {
        var header: ReportHeader?
        var rows: [ReportRow] = []
        try report(request, useSummary: useSummary, header: { header = $0 }, row: { rows.append($0) })
        return (header ?? ReportHeader(columns: [], metric: request.metric, trendBuckets: [], trendUnit: nil), rows)
    }
}

extension LedgerReader {
    /// The normalizer version the performance projection was built with (the binary's when none is recorded).
    package func projectionNormalizerVersion() throws(LedgerError) -> Int {
        let recorded = try connection.scalar(
            "SELECT normalizer_version FROM main.projection_state WHERE name = 'meta_ads_performance'")?.integer
        return recorded.map { Int($0) } ?? Normalizer.version
    }
}

extension SQLValue {
    /// The value as a number, when it is one.
    package var number: Double? {
        switch self {
        case .integer(let i): Double(i)
        case .real(let d): d
        default: nil
        }
    }
}
