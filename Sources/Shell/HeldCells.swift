/// The cells of a table or markdown result, held until every row is in so columns can be aligned: their
/// bytes in one buffer and 3 bytes of bookkeeping per cell (not a `String` per cell), plus per column the
/// widest cell and whether it is numeric. Lengths of 64 KiB and more, and the display widths of non-ASCII
/// cells (ASCII is one column per byte), go to side lists read back in order, as rows are printed in order.
struct HeldCells {
    /// Bit in ``flags``: the cell is a number (right-aligned).
    static let numeric: UInt8 = 1
    /// Bit in ``flags``: the row had no value for this column.
    static let absent: UInt8 = 2
    /// Bit in ``flags``: the cell's width is the next of ``otherWidths``, not its length.
    static let otherWidth: UInt8 = 4
    /// A ``lengths`` entry meaning: the length is the next of ``longLengths``.
    static let longLength = UInt16.max

    private(set) var text = ByteBuffer()
    private(set) var lengths: [UInt16] = []
    private(set) var longLengths: [Int] = []
    private(set) var flags: [UInt8] = []
    private(set) var otherWidths: [Int] = []
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

    /// Per column: true when every non-NULL value is a number and there is at least one.
    var numericColumns: [Bool] { zip(seen, nonNumeric).map { $0 && !$1 } }

    /// Adds the next cell (columns in order, row after row) whose text `write` appends to ``text``.
    mutating func add(column: Int, isNull: Bool, isNumeric: Bool, width: Int, write: (inout ByteBuffer) -> Void) {
        let start = text.count
        write(&text)
        let length = text.count - start
        if length < Int(Self.longLength) {
            lengths.append(UInt16(length))
        } else {
            lengths.append(Self.longLength)
            longLengths.append(length)
        }
        var flag = isNumeric ? Self.numeric : 0
        if width != length {
            flag |= Self.otherWidth
            otherWidths.append(width)
        }
        flags.append(flag)
        columnWidths[column] = max(columnWidths[column], width)
        if !isNull {
            seen[column] = true
            if !isNumeric { nonNumeric[column] = true }
        }
    }

    /// Fills a column a short row lacks.
    mutating func addAbsent() {
        lengths.append(0)
        flags.append(Self.absent)
    }

    /// Reads the cells back in the order they were added.
    struct Reader {
        private var cell = 0
        private var offset = 0
        private var nextLong = 0
        private var nextWidth = 0

        /// The next cell: where its text is in ``HeldCells/text``, its display width, and its flags.
        mutating func next(in held: HeldCells) -> (range: Range<Int>, width: Int, flags: UInt8) {
            var length = Int(held.lengths[cell])
            if length == Int(HeldCells.longLength) {
                length = held.longLengths[nextLong]
                nextLong += 1
            }
            let flags = held.flags[cell]
            var width = length
            if flags & HeldCells.otherWidth != 0 {
                width = held.otherWidths[nextWidth]
                nextWidth += 1
            }
            defer {
                cell += 1
                offset += length
            }
            return (offset..<offset + length, width, flags)
        }
    }
}
