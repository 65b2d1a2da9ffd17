import Ledger

/// The tables, views and columns a connection sees, including the temp views `.asof` installs: what
/// tab completion offers.
package struct SchemaCatalog: Sendable, Equatable {
    /// Table and view names, sorted.
    package var tables: [String]
    /// Column names per table or view, in table order.
    package var columns: [String: [String]]

    /// A catalog of the given names (tests build these by hand).
    package init(tables: [String] = [], columns: [String: [String]] = [:]) {
        self.tables = tables
        self.columns = columns
    }

    /// Reads the catalog from `sqlite_master`, `sqlite_temp_master` and `pragma_table_info`.
    package static func load(from connection: Connection) throws(LedgerError) -> SchemaCatalog {
        let names = try connection.rows(
            """
            SELECT name FROM main.sqlite_master WHERE type IN ('table', 'view') AND name NOT LIKE 'sqlite_%'
            UNION SELECT name FROM temp.sqlite_master WHERE type IN ('table', 'view') AND name NOT LIKE 'sqlite_%'
            ORDER BY 1
            """
        ).compactMap { $0.first?.text }
        var columns: [String: [String]] = [:]
        for name in names {
            columns[name] = try connection.rows("SELECT name FROM pragma_table_info(?)", [.text(name)])
                .compactMap { $0.first?.text }
        }
        return SchemaCatalog(tables: names, columns: columns)
    }

    /// Every column name of every table, once each, sorted.
    package var allColumns: [String] {
        Array(Set(columns.values.joined())).sorted()
    }

    /// The columns of `table`, matched without regard to case; nil when there is no such table.
    package func columns(of table: String) -> [String]? {
        if let exact = columns[table] { return exact }
        let lowered = table.lowercased()
        return columns.first { $0.key.lowercased() == lowered }?.value
    }
}
