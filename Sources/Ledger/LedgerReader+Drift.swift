extension LedgerReader {
    /// `report drift`: for each group and age (days between an ad-day and the UTC day it was fetched, 0 …
    /// 28), the metric as it was known at the end of that day against its latest value, over the same
    /// ad-days. "Latest" is as of the ledger's `setAsOf` time, else now. Reads only the projections.
    /// Reads `drift_segments` (schema 9) when it can (live, not as of a time) unless `useSummary` is false
    /// (tests compare the two).
    package func drift(_ request: DriftRequest, useSummary: Bool = true) throws -> DriftResult {
        try request.validated()
        let latestAt = asOfTime ?? now
        var query = DriftQuery(request: request, horizonDay: String(latestAt.prefix(10)), isLive: asOfTime == nil)
        if useSummary, asOfTime == nil, try hasTable(DriftSummary.table), try hasTable(ReportSummary.table) {
            query.usesSummary = true
            if request.grouping == .campaign {
                query.labelSource = try ReportSource.summary(
                    since: request.since, until: request.until, tables: .live, on: connection)
            }
        }
        struct Key: Hashable {
            var scope: Int64
            var id: String?
            var currency: String?
            var age: Int64
        }
        struct Measures {
            var name: String?
            var adDays: Int64 = 0
            var latest: SQLValue = .null
            var reported: SQLValue = .null
            var latestCPA: Double?
            var reportedCPA: Double?
        }
        var measured: [Key: Measures] = [:]
        try self.query(
            query.sql, parameters: query.parameters, columns: { _ in },
            row: { values in
                let key = Key(
                    scope: values[0].integer ?? 0, id: values[1].text, currency: values[3].text,
                    age: values[4].integer ?? 0)
                var entry = measured[key] ?? Measures()
                entry.name = entry.name ?? values[2].text
                if values[5].text == "latest" {
                    entry.adDays = values[6].integer ?? 0
                    entry.latest = values[7]
                    entry.latestCPA = values[8].number
                } else {
                    entry.reported = values[7]
                    entry.reportedCPA = values[8].number
                }
                measured[key] = entry
            })
        var rows: [DriftRow] = []
        var totals: [DriftRow] = []
        var cpaChange: [String: Double] = [:]
        var cpaAge: [String: Int] = [:]
        for (key, entry) in measured where entry.adDays > 0 {
            var percent: Double?
            if let latest = entry.latest.number, latest != 0, let reported = entry.reported.number {
                percent = (reported / latest * 1000).rounded() / 10
            }
            let row = DriftRow(
                id: key.id, name: entry.name, currency: key.currency, age: Int(key.age), adDays: Int(entry.adDays),
                reported: request.metric.rounded(entry.reported, currency: key.currency),
                latest: request.metric.rounded(entry.latest, currency: key.currency), percentOfLatest: percent)
            if key.scope == 0 {
                rows.append(row)
            } else {
                totals.append(row)
                // CPA's move from the first age after day +0 that has a known value.
                let currency = key.currency ?? ""
                if key.age >= 1, key.age < cpaAge[currency] ?? Int.max, row.percentOfLatest != nil,
                    let before = entry.reportedCPA, let after = entry.latestCPA, before != 0
                {
                    cpaChange[currency] = ((after / before - 1) * 1000).rounded() / 10
                    cpaAge[currency] = Int(key.age)
                }
            }
        }
        func order(_ a: DriftRow, _ b: DriftRow) -> Bool {
            ((a.currency ?? ""), (a.id ?? ""), a.age) < ((b.currency ?? ""), (b.id ?? ""), b.age)
        }
        return DriftResult(
            metric: request.metric, grouping: request.grouping, latestAt: latestAt, isAsOf: asOfTime != nil,
            rows: rows.sorted(by: order), totals: totals.sorted(by: order), cpaChange: cpaChange, cpaAge: cpaAge)
    }
}
