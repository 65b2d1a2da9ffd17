import Ledger

/// A result row the renderer reads cell by cell without copying: a ``Statement`` on its current row, or
/// an array of values.
protocol ResultRow {
    /// The number of cells.
    var cellCount: Int { get }
    /// Calls `body` with cell `index`.
    func withCell<R>(at index: Int, _ body: (ResultCell) -> R) -> R
}
