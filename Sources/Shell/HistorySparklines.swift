import Foundation

/// The lines `history` prints under its table: for each day with several versions, a sparkline of each
/// shown metric that changed across them, e.g. `2025-12-12  purchases  ▁▅█  2 → 4 → 5`.
package enum HistorySparklines {
    /// Lines for `history`'s columns and rows (text cells; the first column is the date, metrics follow
    /// `seq` up to `changed`).
    package static func lines(columns: [String], rows: [[String]], ascii: Bool) -> [String] {
        guard let first = columns.firstIndex(of: "seq").map({ $0 + 1 }), let last = columns.firstIndex(of: "changed")
        else { return [] }
        var lines: [String] = []
        var start = 0
        while start < rows.count {
            var end = start
            while end + 1 < rows.count, rows[end + 1][0] == rows[start][0] { end += 1 }
            defer { start = end + 1 }
            guard end > start else { continue }
            let changed = (first..<last).filter { column in Set(rows[start...end].map { $0[column] }).count > 1 }
            let width = changed.map { columns[$0].count }.max() ?? 0
            for column in changed {
                let texts = rows[start...end].map { $0[column] }
                let spark = Sparkline.draw(texts.map { Double($0) }, ascii: ascii)
                let name = columns[column].padding(toLength: width, withPad: " ", startingAt: 0)
                let values = texts.map { $0.isEmpty ? "NULL" : $0 }.joined(separator: ascii ? " -> " : " → ")
                lines.append("\(rows[start][0])  \(name)  \(spark)  \(values)")
            }
        }
        return lines
    }
}
