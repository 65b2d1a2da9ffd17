/// Reading one row's columns by index: a statement's current row, or a row gathered from one (`GatheredRow`), so
/// that `SummaryBuild` sums either in the same code.
protocol ColumnReader {
    func columnType(at index: Int) -> Statement.ColumnType
    /// The column as an integer (meaningful when it is one).
    func int64(at index: Int) -> Int64
    /// The column as a REAL (meaningful when it is one).
    func double(at index: Int) -> Double
    /// Calls `body` with a text's or blob's bytes (empty for anything else).
    func withBytes<R, E>(at index: Int, _ body: (UnsafeRawBufferPointer) throws(E) -> R) throws(E) -> R
}

extension Statement: ColumnReader {}
