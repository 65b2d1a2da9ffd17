/// A row `ProjectionMerge` compares column by column with another of its kind: a statement's current row, compared
/// in SQLite's memory, or a row gathered from one (`GatheredRow`), for a walk whose live side was read on another
/// connection (`LiveRowFeed`).
protocol ComparedRow: ColumnReader {
    /// The order of column `index` of this row against the same column of `other`: negative, 0 or positive, as
    /// SQL's `ORDER BY` orders them with the BINARY collation (`IS` finds them equal at 0).
    func order(at index: Int, against other: Self) -> Int
    /// The column as a value, for the report's text and a patch.
    func value(at index: Int) -> SQLValue
}

extension Statement: ComparedRow {}
