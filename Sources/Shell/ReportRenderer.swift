import Ledger

/// Prints `report` results through ``ResultRenderer``: money with its currency's decimals in table and
/// markdown, and the trend as a sparkline column there (never in csv or json).
package struct ReportRenderer {
    var renderer: ResultRenderer
    private let ascii: Bool
    private var header: ReportHeader?
    let write: (String) -> Void

    /// A renderer in `format` (table, csv, json or markdown); `ascii` draws sparklines without block characters.
    package init(format: ResultFormat, ascii: Bool, write: @escaping (String) -> Void) {
        renderer = ResultRenderer(format: format, write: write)
        self.ascii = ascii
        self.write = write
    }

    /// True for the formats people read (table, markdown), which show trends and summaries.
    var isReadable: Bool { renderer.format == .table || renderer.format == .markdown }

    /// Starts a report with its header.
    package mutating func begin(_ header: ReportHeader) {
        self.header = header
        var names = header.columns.map(\.name)
        if isReadable, header.trendUnit != nil { names.append("\(header.metric.column)_trend") }
        renderer.decimals = Self.moneyDecimals(
            header.columns.map(\.metric), currency: header.columns.firstIndex { $0.kind == .currency })
        renderer.begin(columns: names)
    }

    /// Adds one group.
    package mutating func add(_ row: ReportRow) {
        var values = row.values
        if isReadable, header?.trendUnit != nil { values.append(.text(Sparkline.draw(row.trend, ascii: ascii))) }
        renderer.add(values)
    }

    /// Ends the report; in table mode, a line saying what the trend column draws.
    package mutating func end() {
        renderer.end()
        guard renderer.format == .table, let header, let unit = header.trendUnit, let first = header.trendBuckets.first,
            let last = header.trendBuckets.last
        else { return }
        write("\(header.metric.column)_trend: \(header.metric.name) per \(unit.rawValue), \(first) … \(last)\n")
    }

    /// Decimals for money cells: their row's currency's minor unit.
    static func moneyDecimals(_ metrics: [ReportMetric?], currency: Int?) -> ([SQLValue], Int) -> Int? {
        { row, column in
            guard column < metrics.count, metrics[column]?.unit == .money else { return nil }
            return CurrencyOffset.decimals(of: currency.flatMap { $0 < row.count ? row[$0].text : nil })
        }
    }
}
