/// The cells of a table or markdown result, held until every row is in so columns can be aligned: their
/// bytes in one buffer, a length, display width and flags per cell (not a `String` per cell), and per
/// column the widest cell and whether it is numeric.
struct HeldCells {
    /// Bit in ``flags``: the cell is a number (right-aligned).
    static let numeric: UInt8 = 1
    /// Bit in ``flags``: the row had no value for this column.
    static let absent: UInt8 = 2

    private(set) var text = ByteBuffer()
    private(set) var lengths: [UInt32] = []
    private(set) var widths: [UInt32] = []
    private(set) var flags: [UInt8] = []
    /// Per column: the widest cell (or name), in terminal columns.
    private(set) var columnWidths: [Int]
    private var seen: [Bool]
    private var nonNumeric: [Bool]
    let columnCount: Int

    init(columns: [String]) {
        columnCount = columns.count
        columnWidths = columns.map(DisplayWidth.of)
        seen = Array(repeating: false, count: columns.count)
        nonNumeric = Array(repeating: false, count: columns.count)
    }

    var rowCount: Int { columnCount == 0 ? 0 : lengths.count / columnCount }

    /// Per column: true when every non-NULL value is a number and there is at least one.
    var numericColumns: [Bool] { zip(seen, nonNumeric).map { $0 && !$1 } }

    /// Adds the next cell (columns in order, row after row) whose text was appended to ``text`` by `write`.
    mutating func add(column: Int, isNull: Bool, isNumeric: Bool, width: Int, write: (inout ByteBuffer) -> Void) {
        let start = text.count
        write(&text)
        lengths.append(UInt32(text.count - start))
        widths.append(UInt32(width))
        flags.append(isNumeric ? Self.numeric : 0)
        columnWidths[column] = max(columnWidths[column], width)
        if !isNull {
            seen[column] = true
            if !isNumeric { nonNumeric[column] = true }
        }
    }

    /// Fills a column a short row lacks.
    mutating func addAbsent() {
        lengths.append(0)
        widths.append(0)
        flags.append(Self.absent)
    }
}
