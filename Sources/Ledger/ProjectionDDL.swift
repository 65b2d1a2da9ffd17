import Foundation

/// Rewrites a projection's `CREATE TABLE` / `CREATE INDEX` text (read from `sqlite_master`, which holds
/// it exactly as `schema/` wrote it) to create the same thing under another name.
enum ProjectionDDL {
    /// `CREATE TABLE name (` → `CREATE TABLE newName (`.
    /// After a rebuild's `ALTER TABLE … RENAME`, SQLite stores the name quoted: both forms are read.
    static func rename(_ sql: String, table: String, to newName: String) -> String {
        for written in ["CREATE TABLE \(table) ", "CREATE TABLE \"\(table)\" ", "CREATE TABLE \(table)(", "CREATE TABLE \"\(table)\"("] {
            if let range = sql.range(of: written) {
                return sql.replacingCharacters(in: range, with: "CREATE TABLE \(newName)" + String(written.last ?? " "))
            }
        }
        return sql
    }

    /// `CREATE [UNIQUE] INDEX i ON t(` → `CREATE [UNIQUE] INDEX schema.<rest>i ON <rest>t(` for a prefix `schema.<rest>`:
    /// an index lives in its table's schema and names the table unqualified.
    static func renameIndex(_ sql: String, index: String, table: String, tables: ProjectionTables) -> String {
        let parts = tables.prefix.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        let schema = parts.first.map(String.init) ?? "main"
        let rest = parts.count > 1 ? String(parts[1]) : ""
        for kind in ["INDEX", "UNIQUE INDEX"] {
            guard let range = sql.range(of: "CREATE \(kind) \(index) ON \(table)(") else { continue }
            return sql.replacingCharacters(
                in: range, with: "CREATE \(kind) \(schema).\(rest)\(index) ON \(rest)\(table)(")
        }
        return sql
    }
}
