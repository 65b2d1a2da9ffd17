import Foundation
import Ledger

/// One self-contained XHTML page for people who have never seen the shell: the grouped table, a trend chart
/// per leading group and the drift chart, with the ledger, the as-of time and the normalizer version stated.
/// Inline CSS and SVG only: no scripts, no network. All data text is escaped; the page parses as XML.
package struct HTMLReport {
    /// The ledger file the numbers come from.
    package var ledgerPath: String
    /// "now (…)" or the as-of time.
    package var asOf: String
    package var normalizerVersion: Int
    /// What was asked, as (flag, value) pairs, e.g. ("--by", "concept").
    package var parameters: [(String, String)]
    package var header: ReportHeader
    package var rows: [ReportRow]
    /// How many leading groups get a trend chart.
    package var trendCharts: Int
    package var drift: DriftResult?

    package init(
        ledgerPath: String, asOf: String, normalizerVersion: Int, parameters: [(String, String)],
        header: ReportHeader, rows: [ReportRow], trendCharts: Int, drift: DriftResult?
    ) {
        self.ledgerPath = ledgerPath
        self.asOf = asOf
        self.normalizerVersion = normalizerVersion
        self.parameters = parameters
        self.header = header
        self.rows = rows
        self.trendCharts = trendCharts
        self.drift = drift
    }

    /// The whole page.
    package var document: String {
        var out = """
            <!DOCTYPE html>
            <html xmlns="http://www.w3.org/1999/xhtml" lang="en">
            <head><meta charset="utf-8"/><title>adledger report</title>
            <style>
            body { font-family: system-ui, sans-serif; margin: 2em; color: #222; }
            table { border-collapse: collapse; font-size: 13px; }
            th, td { border: 1px solid #ddd; padding: 3px 6px; }
            td.num { text-align: right; font-variant-numeric: tabular-nums; }
            th { background: #f3f3f3; }
            dl.about dt { font-weight: bold; float: left; clear: left; width: 12em; }
            dl.about dd { margin-left: 12em; }
            figure { display: inline-block; margin: 0 1em 1em 0; }
            .key { margin-right: 1em; font-size: 13px; }
            </style></head>
            <body>
            <h1>adledger report</h1>
            <dl class="about">
            """
        var about = [("ledger", ledgerPath), ("as of", asOf), ("normalizer version", String(normalizerVersion))]
        about += parameters
        for (name, value) in about { out += "<dt>\(HTMLText.escape(name))</dt><dd>\(HTMLText.escape(value))</dd>\n" }
        out += "</dl>\n<p>Money is in each row's currency and never added across currencies.</p>\n"
        if !header.columns.isEmpty { out += table + trends }
        out += driftSection
        return out + "</body>\n</html>\n"
    }

    /// The grouped table; each number cell carries its csv text in `data-value`.
    private var table: String {
        let currency = header.columns.firstIndex { $0.kind == .currency }
        var out = "<h2>Groups</h2>\n<table id=\"report\">\n<thead><tr>"
        out += header.columns.map { "<th>\(HTMLText.escape($0.name))</th>" }.joined() + "</tr></thead>\n<tbody>\n"
        for row in rows {
            out += "<tr data-group=\"\(HTMLText.escape(label(row)))\">"
            for (index, value) in row.values.enumerated() {
                switch value {
                case .integer, .real:
                    var decimals: Int?
                    if header.columns[index].metric?.unit == .money {
                        decimals = CurrencyOffset.decimals(of: currency.flatMap { row.values[$0].text })
                    }
                    let shown = decimals.map { String(format: "%.\($0)f", value.number ?? 0) } ?? value.plainText
                    out += "<td class=\"num\" data-value=\"\(HTMLText.escape(value.plainText))\">\(shown)</td>"
                default: out += "<td>\(HTMLText.escape(value.plainText))</td>"
                }
            }
            out += "</tr>\n"
        }
        return out + "</tbody>\n</table>\n"
    }

    /// A group's name: its key and label values and its currency.
    func label(_ row: ReportRow) -> String {
        zip(header.columns, row.values).filter { [.key, .label, .currency].contains($0.0.kind) }
            .map { $0.1 == .null ? "–" : $0.1.plainText }.joined(separator: " · ")
    }

    private var trends: String {
        guard let unit = header.trendUnit else {
            return "<h2>Trends</h2>\n<p>No trend charts: the report is grouped by time.</p>\n"
        }
        var out = "<h2>Trends</h2>\n<p>\(HTMLText.escape(header.metric.name)) per \(unit.rawValue), "
        out += "for the first \(min(trendCharts, rows.count)) groups.</p>\n<div class=\"trends\">\n"
        for row in rows.prefix(trendCharts) {
            let chart = SVGLineChart(
                series: [.init(name: label(row), values: row.trend)], xLabels: header.trendBuckets,
                format: { Self.compact($0) }, reference: nil, width: 420, height: 160)
            out +=
                "<figure class=\"trend\"><figcaption>\(HTMLText.escape(label(row)))</figcaption>\(chart.svg)</figure>\n"
        }
        return out + "</div>\n"
    }

    private var driftSection: String {
        guard let drift else { return "" }
        var out = "<h2>Restatement drift</h2>\n<p>\(HTMLText.escape(drift.metric.name)) as known at the end of day "
        out += "+N after each ad-day, as a percentage of the latest value (age in UTC days).</p>\n"
        var series: [SVGLineChart.Series] = []
        var seen: [String: Int] = [:]
        for row in drift.rows {
            let name = [row.id, row.name, row.currency].compactMap { $0 }.joined(separator: " · ")
            let index =
                seen[name]
                ?? {
                    series.append(.init(name: name, values: Array(repeating: nil, count: DriftRequest.maxAge + 1)))
                    return series.count - 1
                }()
            seen[name] = index
            if row.age <= DriftRequest.maxAge { series[index].values[row.age] = row.percentOfLatest }
        }
        let chart = SVGLineChart(
            series: series, xLabels: (0...DriftRequest.maxAge).map { "+\($0)" },
            format: { "\(DriftResult.format($0)) %" }, reference: 100)
        out += "<figure id=\"drift\">\(chart.svg)<figcaption>\(chart.legend)</figcaption></figure>\n"
        out += drift.summary.map { "<p class=\"summary\">\(HTMLText.escape($0))</p>\n" }.joined()
        return out
    }

    /// A number for an axis: no decimals from 100 up.
    static func compact(_ value: Double) -> String {
        abs(value) >= 100 ? String(format: "%.0f", value) : String(format: "%.2f", value)
    }
}
