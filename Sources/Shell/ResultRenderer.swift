import Foundation
import JSON
import Ledger

/// Renders query results in one ``ResultFormat``. Streaming formats (csv, json, jsonl, line) write each row as it
/// comes; `table` and `markdown` need every row to align columns, so they buffer.
package struct ResultRenderer {
    /// The format rows are written in.
    package var format: ResultFormat
    /// Whether table, csv and markdown output start with the column names.
    package var headers = true
    /// The text a NULL is shown as (json always writes `null`).
    package var nullValue = ""
    /// Cells wider than this are cut with `…` in table and markdown mode (nil: never).
    package var maxCellWidth: Int?
    /// The widest a table line may be, usually the terminal's width: the widest columns are cut until
    /// the table fits (nil: never).
    package var maxWidth: Int?
    private let write: (String) -> Void
    private var columns: [String] = []
    private var buffered: [[SQLValue]] = []
    private var rowCount = 0

    /// A renderer that hands its output, in pieces, to `write`.
    package init(format: ResultFormat, write: @escaping (String) -> Void) {
        self.format = format
        self.write = write
    }

    /// Starts a result with these column names.
    package mutating func begin(columns: [String]) {
        self.columns = columns
        buffered = []
        rowCount = 0
        if format == .json { write("[") }
        if format == .csv, headers { write(columns.map(Self.csvField).joined(separator: ",") + "\n") }
    }

    /// Adds one row (one value per column).
    package mutating func add(_ row: [SQLValue]) {
        defer { rowCount += 1 }
        switch format {
        case .csv:
            write(
                row.map { $0 == .null ? Self.csvField(nullValue) : Self.csvField($0.plainText) }.joined(separator: ",")
                    + "\n")
        case .json:
            write((rowCount == 0 ? "\n" : ",\n") + jsonObject(row))
        case .jsonl:
            write(jsonObject(row) + "\n")
        case .line:
            let width = columns.map(DisplayWidth.of).max() ?? 0
            var text = rowCount > 0 ? "\n" : ""
            for (column, value) in zip(columns, row) {
                let pad = String(repeating: " ", count: max(0, width - DisplayWidth.of(column)))
                text += "\(pad)\(column) = \(value == .null ? nullValue : value.plainText)\n"
            }
            write(text)
        case .table, .markdown:
            buffered.append(row)
        }
    }

    /// Finishes the result; returns the number of rows.
    @discardableResult
    package mutating func end() -> Int {
        switch format {
        case .json: write(rowCount == 0 ? "]\n" : "\n]\n")
        case .table: writeTable()
        case .markdown: writeMarkdown()
        case .csv, .line, .jsonl: break
        }
        buffered = []
        return rowCount
    }

    /// One row as a JSON object, keys in column order.
    private func jsonObject(_ row: [SQLValue]) -> String {
        var members: [String] = []
        members.reserveCapacity(columns.count)
        for (column, value) in zip(columns, row) {
            members.append(Self.jsonString(column) + ":" + Self.jsonValue(value))
        }
        return "{" + members.joined(separator: ",") + "}"
    }

    /// The text of a cell in table or markdown mode: NULL as ``nullValue``, line breaks and control
    /// characters made visible, cut to ``maxCellWidth``.
    private func cell(_ value: SQLValue) -> String {
        if value == .null { return cut(nullValue) }
        return cut(Self.visible(value.plainText))
    }

    private func cut(_ text: String) -> String {
        guard let maxCellWidth, DisplayWidth.of(text) > maxCellWidth else { return text }
        return DisplayWidth.truncate(text, to: maxCellWidth)
    }

    private static func isNumeric(_ value: SQLValue) -> Bool {
        switch value {
        case .integer, .real: true
        default: false
        }
    }

    /// Per column: true when every non-NULL value is a number and there is at least one.
    private func numericColumns() -> [Bool] {
        var numeric = [Bool](repeating: true, count: columns.count)
        var seen = [Bool](repeating: false, count: columns.count)
        for row in buffered {
            for (i, value) in row.enumerated() where i < columns.count && value != .null {
                seen[i] = true
                if !Self.isNumeric(value) { numeric[i] = false }
            }
        }
        return zip(numeric, seen).map { $0 && $1 }
    }

    private func writeTable() {
        let cells = buffered.map { $0.map(cell) }
        let numeric = numericColumns()
        var widths = columns.map(DisplayWidth.of)
        for row in cells {
            for (i, text) in row.enumerated() where i < widths.count {
                widths[i] = max(widths[i], DisplayWidth.of(text))
            }
        }
        if let maxWidth { widths = Self.fit(widths, into: maxWidth, separator: 2) }
        func pad(_ text: String, _ width: Int, right: Bool) -> String {
            let shown = DisplayWidth.of(text) > width ? DisplayWidth.truncate(text, to: width) : text
            let fill = String(repeating: " ", count: max(0, width - DisplayWidth.of(shown)))
            return right ? fill + shown : shown + fill
        }
        var out = ""
        if headers {
            out +=
                columns.enumerated().map { i, name in pad(name, widths[i], right: numeric[i]) }
                .joined(separator: "  ").trimmedRight + "\n"
            out += widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ") + "\n"
        }
        for (r, row) in cells.enumerated() {
            var parts: [String] = []
            parts.reserveCapacity(widths.count)
            for (i, text) in row.enumerated() where i < widths.count {
                parts.append(pad(text, widths[i], right: Self.isNumeric(buffered[r][i])))
            }
            out += parts.joined(separator: "  ").trimmedRight + "\n"
            if out.utf8.count > 1 << 16 {
                write(out)
                out = ""
            }
        }
        if !out.isEmpty { write(out) }
    }

    /// Column widths cut so that the line fits `total` columns: the widest columns lose width first,
    /// none goes below 3 (or its natural width) — a table with too many columns still overflows.
    static func fit(_ widths: [Int], into total: Int, separator: Int) -> [Int] {
        let budget = total - separator * max(0, widths.count - 1)
        guard widths.reduce(0, +) > budget else { return widths }
        let floor = 3
        // The largest cap such that the capped widths fit the budget.
        var low = floor
        var high = widths.max() ?? floor
        while low < high {
            let mid = (low + high + 1) / 2
            if widths.map({ min($0, mid) }).reduce(0, +) <= budget { low = mid } else { high = mid - 1 }
        }
        var fitted = widths.map { min($0, low) }
        // Hand what is left of the budget to the columns that were cut, left to right.
        var spare = budget - fitted.reduce(0, +)
        for i in fitted.indices where spare > 0 && fitted[i] < widths[i] {
            fitted[i] += 1
            spare -= 1
        }
        return fitted
    }

    private func writeMarkdown() {
        func escape(_ text: String) -> String { text.replacingUTF8("|", with: "\\|") }
        let numeric = numericColumns()
        var out = ""
        if headers { out += "| " + columns.map(escape).joined(separator: " | ") + " |\n" }
        out += "|" + numeric.map { $0 ? " ---: |" : " --- |" }.joined() + "\n"
        for row in buffered { out += "| " + row.map { escape(cell($0)) }.joined(separator: " | ") + " |\n" }
        write(out)
    }

    /// Makes line breaks (`↵`) and other control characters (their Unicode control pictures) visible,
    /// so one row stays one line and data cannot move the cursor.
    static func visible(_ text: String) -> String {
        guard text.utf8.contains(where: { $0 < 0x20 || $0 == 0x7F }) else { return text }
        var out = String.UnicodeScalarView()
        var previousWasCR = false
        for scalar in text.unicodeScalars {
            defer { previousWasCR = scalar == "\r" }
            switch scalar.value {
            case 0x0A: if !previousWasCR { out.append("↵") }
            case 0x0D: out.append("↵")
            case 0x00..<0x20: out.append(Unicode.Scalar(0x2400 + scalar.value) ?? "?")
            case 0x7F: out.append("\u{2421}")
            default: out.append(scalar)
            }
        }
        return String(out)
    }

    /// One CSV field, quoted when it holds a comma, quote, line break, or leading/trailing space.
    static func csvField(_ text: String) -> String {
        let utf8 = text.utf8
        let needsQuotes =
            utf8.contains { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }
            || utf8.first == 0x20 || utf8.last == 0x20
        guard needsQuotes else { return text }
        return "\"" + text.replacingUTF8("\"", with: "\"\"") + "\""
    }

    /// A value as JSON: numbers as numbers, NULL and non-finite reals as `null`, the rest as strings.
    static func jsonValue(_ value: SQLValue) -> String {
        switch value {
        case .null: "null"
        case .integer(let i): String(i)
        case .real(let d): d.isFinite ? SQLValue.format(d) : "null"
        case .text(let s): jsonString(s)
        case .blob(let b): jsonString(String(decoding: b, as: UTF8.self))
        }
    }

    /// A JSON string literal: quotes, backslashes and control characters escaped, the rest as is.
    static func jsonString(_ text: String) -> String {
        if !text.utf8.contains(where: { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C }) { return "\"" + text + "\"" }
        return JSONValue.string(text).canonicalText
    }
}

extension String {
    fileprivate var trimmedRight: String {
        var text = self
        while text.last == " " { text.removeLast() }
        return text
    }
}
