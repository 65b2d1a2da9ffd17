/// How one projection's fresh build differs from the live table.
public struct ProjectionDiff: Sendable, Equatable {
    public let table: String
    public let added: Int
    public let removed: Int
    public let changed: Int
    /// Changed columns with how many rows changed in each, by column order.
    public let changedColumns: [(column: String, rows: Int)]
    /// The first differing row, e.g. `meta_ad_id=1, date=2025-01-01: spend 1.0 → 2.0`.
    public let firstDifference: String?
    /// Columns a newer normalizer added, which this build computes for the first time from the stored payloads
    /// (the live rows were computed by an older normalizer), in column order.
    public internal(set) var addedColumns: [String] = []

    public var isEmpty: Bool { added == 0 && removed == 0 && changed == 0 }

    public static func == (a: ProjectionDiff, b: ProjectionDiff) -> Bool {
        a.table == b.table && a.added == b.added && a.removed == b.removed && a.changed == b.changed
    }

    /// One line: `table: no changes` or `table: 1 added, 0 removed, 3 changed (spend ×3)`, followed by
    /// `; new columns: a, b` when a newer normalizer added columns.
    public var summary: String {
        let newColumns = addedColumns.isEmpty ? "" : "; new columns: " + addedColumns.joined(separator: ", ")
        if isEmpty { return "\(table): no changes" + newColumns }
        let columns = changedColumns.map { "\($0.column) ×\($0.rows)" }.joined(separator: ", ")
        return "\(table): \(added) added, \(removed) removed, \(changed) changed" + (columns.isEmpty ? "" : " (\(columns))")
            + newColumns
    }

    /// The key columns of each projection, which identify a row across builds.
    static let keys: [String: [String]] = [
        "meta_ads_performance": ["meta_ad_id", "date"],
        HistoryView.name: ["seq"],
        HistoryView.replacedTable: ["seq"],
        "insight_parts": ["meta_ad_id", "date", "part"],
        "meta_ad_accounts": ["id"],
        "brand_ad_accounts": ["brand_id", "meta_ad_account_id"],
        "meta_campaigns": ["meta_campaign_id"],
        "generated_ads": ["id"],
        "meta_ad_mapping": ["meta_ad_id"],
        "match_rejections": ["meta_ad_id", "generated_ad_id"],
        "match_suggestions": ["meta_ad_id", "generated_ad_id", "short_id"],
        "meta_adsets": ["meta_adset_id"],
        "meta_ads": ["meta_ad_id"],
        "meta_ad_creatives": ["meta_creative_id"],
        "meta_ad_status_changes": ["seq"],
        ReportSummary.table: [
            "meta_ad_id", "bucket", "currency", "brand_id", "meta_ad_account_id", "meta_campaign_id", "meta_adset_id",
        ],
        DriftSummary.table: [
            "is_latest", "meta_ad_account_id", "meta_campaign_id", "currency", "date", "from_day", "to_day",
        ],
    ]

    /// Compares `fresh(name)` with `main.name` in one ordered pass over both (`ProjectionMerge`); for the history
    /// view, its rows over the fresh tables (``HistoryView``) with the live view's. `currentVersionsEqual`: the
    /// performance tables compared equal, every column, so the view's current versions (a function of a
    /// performance row and its event) are equal on both sides and only the replaced versions' tables are read.
    ///
    /// With `live`, the digest of the live rows read elsewhere (`LiveDigests`), the fresh rows are digested first:
    /// when the digests are equal the tables are, and the live side is not read here.
    static func compare(
        _ name: String, fresh: ProjectionTables, currentVersionsEqual: Bool = false, live: LiveDigests? = nil,
        on connection: Connection
    ) throws(LedgerError) -> ProjectionDiff {
        let merge = try merge(name, fresh: fresh, currentVersionsEqual: currentVersionsEqual, on: connection)
        // The history's live digest is of its replaced versions only: usable only when that is what is compared.
        if let live, name != HistoryView.name || currentVersionsEqual, let digest = live.digest(of: name),
            try merge.digest(merge.freshRows, on: connection) == digest
        {
            return ProjectionDiff(
                table: name, added: 0, removed: 0, changed: 0, changedColumns: [], firstDifference: nil)
        }
        let outcome = try merge.run(on: connection)
        let changedColumns = zip(merge.columns, outcome.changedPerColumn).filter { $0.1 > 0 }.map { ($0.0, $0.1) }
        let first =
            outcome.firstChanged
            ?? outcome.firstAdded.map { "\(name) is missing the row \($0)" }
            ?? outcome.firstRemoved.map { "\(name) has a row the log does not give: \($0)" }
        return ProjectionDiff(
            table: name, added: outcome.added, removed: outcome.removed, changed: outcome.changed,
            changedColumns: changedColumns, firstDifference: first)
    }

    /// The walk that compares `fresh(name)` with `main.name` (see `compare`).
    static func merge(
        _ name: String, fresh: ProjectionTables, currentVersionsEqual: Bool, on connection: Connection
    ) throws(LedgerError) -> ProjectionMerge {
        let keys = Self.keys[name] ?? []
        let columns = try connection.rows("SELECT name FROM pragma_table_info(?)", [.text(name)]).compactMap { $0[0].text }
        var merge = ProjectionMerge(name: name, keys: keys, columns: columns, fresh: fresh)
        if name == HistoryView.name && currentVersionsEqual { merge.table = HistoryView.replacedTable }
        return merge
    }
}
