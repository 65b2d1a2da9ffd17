import Ledger

/// A value `Printer.rows` prints as one row of a table, CSV, JSON or Markdown.
protocol TableRow {
    /// The column names, as in the projection the value comes from.
    static var columns: [String] { get }
    /// This value's cells, in `columns` order.
    var cells: [SQLValue] { get }
}
