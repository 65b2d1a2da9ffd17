import Foundation

/// An inline SVG line chart: one polyline per series over shared x labels, with the y range and the first and
/// last x label written on the axes. No scripts, no external references.
struct SVGLineChart {
    struct Series {
        var name: String
        var values: [Double?]
    }

    var series: [Series]
    var xLabels: [String]
    /// Text for a y value on the axis, e.g. `81 %`.
    var format: (Double) -> String
    /// A horizontal line drawn at this value (e.g. 100 % of the latest), if any.
    var reference: Double?
    var width = 640
    var height = 220

    static let palette = [
        "#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf",
    ]

    var svg: String {
        let left = 64.0
        let right = 12.0
        let top = 12.0
        let bottom = 28.0
        let plotWidth = Double(width) - left - right
        let plotHeight = Double(height) - top - bottom
        var all = series.flatMap { $0.values.compactMap { $0 } }.filter(\.isFinite)
        if let reference { all.append(reference) }
        let low = min(all.min() ?? 0, 0)
        let high = max(all.max() ?? 1, low + 1e-9)
        let count = max(xLabels.count, series.map(\.values.count).max() ?? 0)
        func x(_ index: Int) -> Double {
            left + (count > 1 ? Double(index) / Double(count - 1) * plotWidth : plotWidth / 2)
        }
        func y(_ value: Double) -> Double { top + (1 - (value - low) / (high - low)) * plotHeight }
        func number(_ value: Double) -> String { String(format: "%.1f", value) }
        var out =
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(width)\" height=\"\(height)\" viewBox=\"0 0 \(width) \(height)\" role=\"img\">"
        out +=
            "<rect x=\"\(number(left))\" y=\"\(number(top))\" width=\"\(number(plotWidth))\" height=\"\(number(plotHeight))\" fill=\"#fafafa\" stroke=\"#ccc\"/>"
        out +=
            "<text x=\"\(number(left - 4))\" y=\"\(number(top + 10))\" text-anchor=\"end\" font-size=\"11\">\(HTMLText.escape(format(high)))</text>"
        out +=
            "<text x=\"\(number(left - 4))\" y=\"\(number(top + plotHeight))\" text-anchor=\"end\" font-size=\"11\">\(HTMLText.escape(format(low)))</text>"
        if let first = xLabels.first {
            out += "<text x=\"\(number(left))\" y=\"\(height - 8)\" font-size=\"11\">\(HTMLText.escape(first))</text>"
        }
        if xLabels.count > 1, let last = xLabels.last {
            out +=
                "<text x=\"\(number(left + plotWidth))\" y=\"\(height - 8)\" text-anchor=\"end\" font-size=\"11\">\(HTMLText.escape(last))</text>"
        }
        if let reference {
            out +=
                "<line x1=\"\(number(left))\" x2=\"\(number(left + plotWidth))\" y1=\"\(number(y(reference)))\" y2=\"\(number(y(reference)))\" stroke=\"#999\" stroke-dasharray=\"4 3\"/>"
        }
        for (index, line) in series.enumerated() {
            let color = Self.palette[index % Self.palette.count]
            // A gap (missing value) starts a new polyline.
            var runs: [[String]] = [[]]
            for (i, value) in line.values.enumerated() {
                guard let value, value.isFinite else {
                    if !(runs.last?.isEmpty ?? true) { runs.append([]) }
                    continue
                }
                runs[runs.count - 1].append("\(number(x(i))),\(number(y(value)))")
            }
            out += "<g stroke=\"\(color)\" fill=\"\(color)\"><title>\(HTMLText.escape(line.name))</title>"
            for run in runs where !run.isEmpty {
                if run.count == 1 {
                    let point = run[0].split(separator: ",")
                    out += "<circle cx=\"\(point[0])\" cy=\"\(point[1])\" r=\"2\"/>"
                } else {
                    out += "<polyline fill=\"none\" stroke-width=\"1.5\" points=\"\(run.joined(separator: " "))\"/>"
                }
            }
            out += "</g>"
        }
        return out + "</svg>"
    }

    /// The legend: each series' name in its colour.
    var legend: String {
        series.enumerated().map { index, line in
            "<span class=\"key\" style=\"color:\(Self.palette[index % Self.palette.count])\">■ \(HTMLText.escape(line.name))</span>"
        }.joined(separator: " ")
    }
}
