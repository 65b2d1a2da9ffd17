import JSON
import Ledger

extension ResultRenderer {
    /// Keeps a table or markdown row's cells: NULL as ``nullValue``, line breaks and control characters
    /// made visible, cut to ``maxCellWidth``.
    mutating func hold(_ row: some ResultRow) {
        for i in 0..<held.columnCount {
            guard i < row.cellCount else {
                held.addAbsent()
                continue
            }
            row.withCell(at: i) { cell in
                switch cell {
                case .null: holdText(nullValue, column: i, isNull: true, isNumeric: false)
                case .integer(let value):
                    var digits = ByteBuffer()
                    digits.appendDecimal(value)
                    digits.withBytes { holdBytes($0, column: i, isNumeric: true) }
                case .real(let value):
                    var text = SQLValue.format(value)
                    text.withUTF8 { holdBytes(UnsafeRawBufferPointer($0), column: i, isNumeric: true) }
                case .bytes(let raw):
                    holdBytes(raw, column: i, isNumeric: false)
                case .numberText(let raw):
                    holdBytes(raw, column: i, isNumeric: true)
                }
            }
        }
    }

    /// Holds a value's bytes, on the ASCII fast path when they need no repair, no control pictures and no cut.
    private mutating func holdBytes(_ raw: UnsafeRawBufferPointer, column: Int, isNumeric: Bool) {
        if UTF8Text.isASCII(raw), !UTF8Text.hasControl(raw), maxCellWidth.map({ raw.count <= $0 }) ?? true {
            held.add(column: column, isNull: false, isNumeric: isNumeric, width: raw.count) { $0.append(raw) }
        } else {
            holdText(
                Self.visible(String(decoding: raw, as: UTF8.self)), column: column, isNull: false, isNumeric: isNumeric)
        }
    }

    private mutating func holdText(_ text: String, column: Int, isNull: Bool, isNumeric: Bool) {
        var shown = text
        var width = DisplayWidth.of(shown)
        if let maxCellWidth, width > maxCellWidth {
            shown = DisplayWidth.truncate(shown, to: maxCellWidth)
            width = DisplayWidth.of(shown)
        }
        held.add(column: column, isNull: isNull, isNumeric: isNumeric, width: width) { $0.append(shown) }
    }

    mutating func writeTable() {
        let numeric = held.numericColumns
        var widths = held.columnWidths
        if let maxWidth { widths = Self.fit(widths, into: maxWidth, separator: 2) }
        if headers {
            for (i, name) in columns.enumerated() {
                if i > 0 { line.append(0x20, count: 2) }
                let width = DisplayWidth.of(name)
                var name = name
                name.withUTF8 {
                    appendPadded(UnsafeRawBufferPointer($0), width: width, in: widths[i], right: numeric[i])
                }
            }
            line.trimTrailingSpaces(after: 0)
            line.append(0x0A)
            for (i, width) in widths.enumerated() {
                if i > 0 { line.append(0x20, count: 2) }
                line.append(0x2D, count: width)
            }
            line.append(0x0A)
            emitLine()
        }
        var reader = HeldCells.Reader()
        for _ in 0..<rowCount {
            for i in 0..<held.columnCount {
                if i > 0 { line.append(0x20, count: 2) }
                let cell = reader.next(in: held)
                held.text.withBytes(in: cell.range) { text in
                    appendPadded(text, width: cell.width, in: widths[i], right: cell.flags & HeldCells.numeric != 0)
                }
            }
            line.trimTrailingSpaces(after: 0)
            line.append(0x0A)
            emitLine()
        }
    }

    /// Appends `text` (`width` columns wide) padded to `columnWidth`, cut with `…` when wider.
    private mutating func appendPadded(_ text: UnsafeRawBufferPointer, width: Int, in columnWidth: Int, right: Bool) {
        if width > columnWidth {
            let shown = DisplayWidth.truncate(String(decoding: text, as: UTF8.self), to: columnWidth)
            let fill = max(0, columnWidth - DisplayWidth.of(shown))
            if right { line.append(0x20, count: fill) }
            line.append(shown)
            if !right { line.append(0x20, count: fill) }
            return
        }
        if right { line.append(0x20, count: columnWidth - width) }
        line.append(text)
        if !right { line.append(0x20, count: columnWidth - width) }
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

    mutating func writeMarkdown() {
        if headers { emit("| " + columns.map { $0.replacingUTF8("|", with: "\\|") }.joined(separator: " | ") + " |\n") }
        emit("|" + held.numericColumns.map { $0 ? " ---: |" : " --- |" }.joined() + "\n")
        var reader = HeldCells.Reader()
        for _ in 0..<rowCount {
            line.append("| ")
            var first = true
            for _ in 0..<held.columnCount {
                let cell = reader.next(in: held)
                guard cell.flags & HeldCells.absent == 0 else { continue }
                if !first { line.append(" | ") }
                first = false
                held.text.withBytes(in: cell.range) { line.append($0, escaping: 0x7C, with: 0x5C) }
            }
            line.append(" |\n")
            emitLine()
        }
    }
}
