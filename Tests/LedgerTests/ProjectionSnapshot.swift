import Testing

@testable import Ledger

/// Every projection and view of DESIGN §3 as one ledger connection answers it: column names and all rows
/// (each as text), rows sorted, so two snapshots are equal exactly when the tables hold the same rows.
struct ProjectionSnapshot: Equatable, CustomStringConvertible {
    /// The tables and views compared: every projection (the history view and the table of replaced versions under
    /// it too) plus the views over them.
    static let names =
        ProjectionTables.projections + [HistoryView.replacedTable, "creative_performance", "meta_ad_status_history"]

    var tables: [String: [[String]]] = [:]

    init(_ ledger: LedgerReader) throws {
        for name in Self.names {
            var columns: [String] = []
            var rows: [[String]] = []
            try ledger.query(
                "SELECT * FROM \(name)", columns: { columns = $0 },
                row: { rows.append($0.map { value in value == .null ? "NULL" : value.plainText }) })
            tables[name] = [columns] + rows.sorted { $0.lexicographicallyPrecedes($1) }
        }
    }

    /// The first difference from `other`, for a readable failure.
    func firstDifference(from other: ProjectionSnapshot) -> String? {
        for name in Self.names {
            let mine = tables[name] ?? []
            let theirs = other.tables[name] ?? []
            guard mine != theirs else { continue }
            if mine.first != theirs.first { return "\(name) columns: \(mine.first ?? []) vs \(theirs.first ?? [])" }
            let onlyMine = mine.filter { !theirs.contains($0) }.prefix(2)
            let onlyTheirs = theirs.filter { !mine.contains($0) }.prefix(2)
            return "\(name) (\(mine.count - 1) vs \(theirs.count - 1) rows): \(Array(onlyMine)) vs \(Array(onlyTheirs))"
        }
        return nil
    }

    var description: String {
        tables.keys.sorted().map { "\($0): \((tables[$0]?.count ?? 1) - 1) rows" }.joined(separator: ", ")
    }
}
