/// How query results are printed.
public enum ResultFormat: String, Sendable, CaseIterable {
    /// Aligned columns with a header rule; numbers right-aligned; cells cut to fit the terminal.
    case table
    /// RFC 4180 quoting: a header line, then one line per row; fields quoted when needed.
    case csv
    /// One JSON array of objects, one object per row.
    case json
    /// Newline-delimited JSON: one object per row, one row per line (what warehouses load).
    case jsonl
    /// A GitHub-flavoured Markdown table.
    case markdown
    /// One `column = value` line per column, rows separated by a blank line.
    case line
}
