/// The changed rows of one live projection table, with the values the fresh build gives them. A rebuild that finds
/// only a few rows changed (none added or removed, the normalizer unchanged) updates those rows in place instead of
/// swapping every table in: a swap writes every projection page to the WAL and again into the file, and leaves the
/// old pages free in it. Each row keeps its place, so the performance rows and versions stay in the order a swap
/// would leave them in (a floating-point `sum` over them depends on it; the summaries hold integers).
struct ProjectionPatch {
    let table: String
    let columns: [String]
    let changes: [ProjectionMerge.Change]

    /// Most changed rows one table is patched with (their values are held in memory until the fresh tables are
    /// gone): a table with more is swapped in, with every other.
    static let rowLimit = 2_048

    /// The patches that bring every live table to the fresh build `diffs` describe, or nil when the fresh tables must
    /// be swapped in: a row added or removed, more than `rowLimit` rows changed in a table, or a change the walk did
    /// not keep. The history view needs none of its own when its replaced versions are unchanged: its current
    /// versions are the performance rows.
    static func plan(_ diffs: [ProjectionDiff]) -> [ProjectionPatch]? {
        var patches: [ProjectionPatch] = []
        for diff in diffs where !diff.isEmpty {
            guard diff.added == 0, diff.removed == 0 else { return nil }
            if let patch = diff.patch {
                patches.append(patch)
            } else if diff.table != HistoryView.name || diff.replacedVersionsUnchanged != true {
                return nil
            }
        }
        return patches
    }

    /// Updates each changed row in place on `connection`, whose triggers the caller has turned off: the fresh values
    /// of every table that changed are written here, summaries included, as the swap would leave them.
    func apply(on connection: Connection) throws(LedgerError) {
        let sets = columns.enumerated().map { "\($0.element) = ?\($0.offset + 1)" }.joined(separator: ", ")
        let update = try connection.prepare("UPDATE main.\(table) SET \(sets) WHERE rowid = ?\(columns.count + 1)")
        for change in changes { try update.run(change.values + [.integer(change.rowid)]) }
    }
}
