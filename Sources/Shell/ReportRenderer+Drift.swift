import Ledger

extension ReportRenderer {
    /// Prints a drift result: one row per group and age; in table and markdown mode, the summary lines after.
    package mutating func drift(_ result: DriftResult) {
        var metrics: [ReportMetric?] = Array(repeating: nil, count: result.columns.count)
        metrics[5] = result.metric
        metrics[6] = result.metric
        let moneyDecimals = Self.moneyDecimals(metrics, currency: 2)
        renderer.decimals = { row, column in column == 7 ? 1 : moneyDecimals(row, column) }
        renderer.begin(columns: result.columns)
        for row in result.rows { renderer.add(Self.values(of: row)) }
        renderer.end()
        if isReadable { write("\n" + result.summary.map { $0 + "\n" }.joined()) }
    }

    /// A drift row as the values of ``DriftResult/columns``.
    static func values(of row: DriftRow) -> [SQLValue] {
        [
            row.id.map(SQLValue.text) ?? .null, row.name.map(SQLValue.text) ?? .null,
            row.currency.map(SQLValue.text) ?? .null, .integer(Int64(row.age)), .integer(Int64(row.adDays)),
            row.reported, row.latest, row.percentOfLatest.map(SQLValue.real) ?? .null,
        ]
    }
}
