import Ledger

/// Renders query results in one ``ResultFormat``. Streaming formats (csv, json, jsonl, line) write each row as it
/// comes; `table` and `markdown` need every row to align columns, so they hold the rows' cells compactly
/// (``HeldCells``). Output goes out as bytes, one row (or line) per call.
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
    /// In table and markdown mode, the fixed number of decimals a REAL cell is shown with, given its row and
    /// column index (nil: as `sqlite3` prints it). Reports use it to show money in the currency's minor unit.
    package var decimals: (([SQLValue], Int) -> Int?)?
    let sink: (UnsafeRawBufferPointer) -> Void
    var columns: [String] = []
    var line = ByteBuffer()
    var held = HeldCells(columns: [])
    var rowCount = 0
    /// json: `"name":` per column, with the `,` that precedes every member but the first.
    private var jsonKeys: [[UInt8]] = []
    /// line: the padded `name = ` that starts each column's line.
    private var linePrefixes: [[UInt8]] = []
    /// csv: the field a NULL is written as.
    private var csvNull: [UInt8] = []

    /// A renderer that hands its output, in pieces of whole characters, to `write`.
    package init(format: ResultFormat, write: @escaping (String) -> Void) {
        self.init(format: format, bytes: { write(String(decoding: $0, as: UTF8.self)) })
    }

    /// A renderer that hands its output, in pieces of whole UTF-8 characters, to `bytes` (valid only
    /// during the call).
    package init(format: ResultFormat, bytes: @escaping (UnsafeRawBufferPointer) -> Void) {
        self.format = format
        self.sink = bytes
        line.reserve(1 << 12)
    }

    /// Starts a result with these column names.
    package mutating func begin(columns: [String]) {
        self.columns = columns
        held = HeldCells(columns: format == .table || format == .markdown ? columns : [])
        rowCount = 0
        switch format {
        case .json, .jsonl:
            jsonKeys = columns.enumerated().map { i, name in
                Array(((i > 0 ? "," : "") + Self.jsonString(name) + ":").utf8)
            }
            if format == .json { emit("[") }
        case .csv:
            csvNull = Array(Self.csvField(nullValue).utf8)
            if headers { emit(columns.map(Self.csvField).joined(separator: ",") + "\n") }
        case .line:
            let width = columns.map(DisplayWidth.of).max() ?? 0
            linePrefixes = columns.map { name in
                Array((String(repeating: " ", count: max(0, width - DisplayWidth.of(name))) + name + " = ").utf8)
            }
        case .table, .markdown: break
        }
    }

    /// Adds one row (one value per column).
    package mutating func add(_ row: [SQLValue]) {
        guard let decimals, format == .table || format == .markdown else { return add(row: row) }
        add(row: DecimalsRow(values: row, decimals: decimals))
    }

    /// Adds the row `statement` is on, reading its values in place.
    package mutating func add(_ statement: Statement) { add(row: statement) }

    mutating func add(row: some ResultRow) {
        defer { rowCount += 1 }
        switch format {
        case .csv: writeCSV(row)
        case .json: writeJSON(row)
        case .jsonl: writeJSONLine(row)
        case .line: writeLines(row)
        case .table, .markdown: hold(row)
        }
    }

    /// Finishes the result; returns the number of rows.
    @discardableResult
    package mutating func end() -> Int {
        switch format {
        case .json: emit(rowCount == 0 ? "]\n" : "\n]\n")
        case .table: writeTable()
        case .markdown: writeMarkdown()
        case .csv, .line, .jsonl: break
        }
        held = HeldCells(columns: [])
        return rowCount
    }

    /// Hands `text` to the sink.
    func emit(_ text: String) {
        var text = text
        text.withUTF8 { sink(UnsafeRawBufferPointer($0)) }
    }

    /// Hands the built ``line`` to the sink and empties it.
    mutating func emitLine() {
        line.withBytes(sink)
        line.removeAll()
    }

    private mutating func writeCSV(_ row: some ResultRow) {
        for i in 0..<row.cellCount {
            if i > 0 { line.append(0x2C) }
            row.withCell(at: i) { cell in
                switch cell {
                case .null: line.append(csvNull)
                case .integer(let value): line.appendDecimal(value)
                case .real(let value): Self.appendCSVField(Array(SQLValue.format(value).utf8), to: &line)
                case .bytes(let raw): UTF8Text.withValid(raw) { text, _ in Self.appendCSVField(text, to: &line) }
                case .numberText(let raw): line.append(raw)
                }
            }
        }
        line.append(0x0A)
        emitLine()
    }

    /// One CSV field, quoted when it holds a comma, quote, line break, or leading/trailing space.
    static func appendCSVField(_ text: UnsafeRawBufferPointer, to line: inout ByteBuffer) {
        let needsQuotes =
            text.contains { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }
            || text.first == 0x20 || text.last == 0x20
        guard needsQuotes else { return line.append(text) }
        line.append(0x22)
        line.append(text, escaping: 0x22, with: 0x22)
        line.append(0x22)
    }

    static func appendCSVField(_ text: [UInt8], to line: inout ByteBuffer) {
        text.withUnsafeBytes { appendCSVField($0, to: &line) }
    }

    private mutating func writeJSON(_ row: some ResultRow) {
        line.append(rowCount == 0 ? "\n{" : ",\n{")
        appendJSONMembers(row)
        emitLine()
    }

    /// jsonl: the row's object alone on its line.
    private mutating func writeJSONLine(_ row: some ResultRow) {
        line.append(0x7B)
        appendJSONMembers(row)
        line.append(0x0A)
        emitLine()
    }

    /// The row's `"name":value` members and the closing `}`.
    private mutating func appendJSONMembers(_ row: some ResultRow) {
        for i in 0..<min(columns.count, row.cellCount) {
            line.append(jsonKeys[i])
            row.withCell(at: i) { cell in
                switch cell {
                case .null: line.append("null")
                case .integer(let value): line.appendDecimal(value)
                case .real(let value): line.append(value.isFinite ? SQLValue.format(value) : "null")
                case .bytes(let raw): UTF8Text.withValid(raw) { text, _ in Self.appendJSONString(text, to: &line) }
                case .numberText(let raw): line.append(raw)
                }
            }
        }
        line.append(0x7D)
    }

    /// A JSON string literal of valid UTF-8 `text`, as ``jsonString(_:)`` writes it.
    static func appendJSONString(_ text: UnsafeRawBufferPointer, to line: inout ByteBuffer) {
        guard text.contains(where: { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C }) else {
            line.append(0x22)
            line.append(text)
            line.append(0x22)
            return
        }
        line.append(jsonString(String(decoding: text, as: UTF8.self)))
    }

    private mutating func writeLines(_ row: some ResultRow) {
        if rowCount > 0 { line.append(0x0A) }
        for i in 0..<min(columns.count, row.cellCount) {
            line.append(linePrefixes[i])
            row.withCell(at: i) { cell in
                switch cell {
                case .null: line.append(nullValue)
                case .integer(let value): line.appendDecimal(value)
                case .real(let value): line.append(SQLValue.format(value))
                case .bytes(let raw): UTF8Text.withValid(raw) { text, _ in line.append(text) }
                case .numberText(let raw): line.append(raw)
                }
            }
            line.append(0x0A)
        }
        emitLine()
    }
}
