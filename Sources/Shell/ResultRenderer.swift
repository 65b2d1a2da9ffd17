import Foundation
import Ledger

/// Renders query results in one ``ResultFormat``. Streaming formats (csv, json, line) write each row as it
/// comes; `table` and `markdown` need every row to align columns, so they buffer.
package struct ResultRenderer {
    package var format: ResultFormat
    package var headers = true
    package var nullValue = ""
    /// Cells wider than this are cut with `…` in table mode (nil: never).
    package var maxCellWidth: Int?
    private let write: (String) -> Void
    private var columns: [String] = []
    private var buffered: [[SQLValue]] = []
    private var rowCount = 0

    package init(format: ResultFormat, write: @escaping (String) -> Void) {
        self.format = format
        self.write = write
    }

    package mutating func begin(columns: [String]) {
        self.columns = columns
        buffered = []
        rowCount = 0
        if format == .json { write("[") }
        if format == .csv, headers { write(columns.map(Self.csvField).joined(separator: ",") + "\n") }
    }

    package mutating func add(_ row: [SQLValue]) {
        defer { rowCount += 1 }
        switch format {
        case .csv:
            write(row.map { $0 == .null ? nullValue : Self.csvField($0.plainText) }.joined(separator: ",") + "\n")
        case .json:
            let members = zip(columns, row).map { "\(Self.jsonString($0)):\(Self.jsonValue($1))" }
            write((rowCount == 0 ? "\n" : ",\n") + "{" + members.joined(separator: ",") + "}")
        case .line:
            let width = columns.map(DisplayWidth.of).max() ?? 0
            if rowCount > 0 { write("\n") }
            for (column, value) in zip(columns, row) {
                let pad = String(repeating: " ", count: max(0, width - DisplayWidth.of(column)))
                write("\(pad)\(column) = \(value == .null ? nullValue : value.plainText)\n")
            }
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
        case .csv, .line: break
        }
        return rowCount
    }

    private func cell(_ value: SQLValue) -> String {
        if value == .null { return nullValue }
        var text = value.plainText.replacingNewlines
        if let maxCellWidth, DisplayWidth.of(text) > maxCellWidth { text = DisplayWidth.truncate(text, to: maxCellWidth) }
        return text
    }

    private static func isNumeric(_ value: SQLValue) -> Bool {
        switch value {
        case .integer, .real: true
        default: false
        }
    }

    private func writeTable() {
        let cells = buffered.map { $0.map(cell) }
        var widths = columns.map(DisplayWidth.of)
        for row in cells { for (i, text) in row.enumerated() where i < widths.count { widths[i] = max(widths[i], DisplayWidth.of(text)) } }
        func pad(_ text: String, _ width: Int, right: Bool) -> String {
            let fill = String(repeating: " ", count: max(0, width - DisplayWidth.of(text)))
            return right ? fill + text : text + fill
        }
        if headers {
            write(zip(columns, widths).map { pad($0, $1, right: false) }.joined(separator: "  ").trimmedRight + "\n")
            write(widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ") + "\n")
        }
        for (r, row) in cells.enumerated() {
            let line = row.enumerated().map { i, text in
                pad(text, widths[i], right: Self.isNumeric(buffered[r][i]))
            }
            write(line.joined(separator: "  ").trimmedRight + "\n")
        }
    }

    private func writeMarkdown() {
        func escape(_ text: String) -> String { text.replacingOccurrences(of: "|", with: "\\|") }
        write("| " + columns.map(escape).joined(separator: " | ") + " |\n")
        let rule = buffered.first.map { row in row.map { Self.isNumeric($0) ? " ---: |" : " --- |" }.joined() }
        write("|" + (rule ?? String(repeating: " --- |", count: columns.count)) + "\n")
        for row in buffered { write("| " + row.map { escape(cell($0)) }.joined(separator: " | ") + " |\n") }
    }

    static func csvField(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) || text.hasPrefix(" ")
        else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    static func jsonValue(_ value: SQLValue) -> String {
        switch value {
        case .null: "null"
        case .integer(let i): String(i)
        case .real(let d): d.isFinite ? SQLValue.format(d) : "null"
        case .text(let s): jsonString(s)
        case .blob(let b): jsonString(String(decoding: b, as: UTF8.self))
        }
    }

    static func jsonString(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case let s where s.value < 0x20: out += String(format: "\\u%04x", s.value)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}

extension String {
    fileprivate var trimmedRight: String {
        var text = self
        while text.last == " " { text.removeLast() }
        return text
    }

    fileprivate var replacingNewlines: String {
        contains(where: \.isNewline) ? replacingOccurrences(of: "\r\n", with: "↵").replacingOccurrences(of: "\n", with: "↵") : self
    }
}
