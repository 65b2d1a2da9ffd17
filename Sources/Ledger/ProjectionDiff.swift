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
        "meta_ads_performance_history": ["seq"],
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

    /// Compares `fresh(name)` with `main.name`.
    static func compare(_ name: String, fresh: ProjectionTables, on connection: Connection) throws(LedgerError)
        -> ProjectionDiff
    {
        let keys = Self.keys[name] ?? []
        let columns = try connection.rows("SELECT name FROM pragma_table_info(?)", [.text(name)]).compactMap { $0[0].text }
        let live = "main.\(name)"
        let match = keys.map { "l.\($0) IS f.\($0)" }.joined(separator: " AND ")
        let added = Int(
            try connection.scalar("SELECT count(*) FROM \(fresh(name)) f WHERE NOT EXISTS (SELECT 1 FROM \(live) l WHERE \(match))")?
                .integer ?? 0)
        let removed = Int(
            try connection.scalar("SELECT count(*) FROM \(live) l WHERE NOT EXISTS (SELECT 1 FROM \(fresh(name)) f WHERE \(match))")?
                .integer ?? 0)
        let differs = columns.map { "l.\($0) IS NOT f.\($0)" }.joined(separator: " OR ")
        let flags = columns.map { "sum(l.\($0) IS NOT f.\($0))" }.joined(separator: ", ")
        let changedRow = try connection.rows(
            "SELECT count(*), \(flags) FROM \(live) l JOIN \(fresh(name)) f ON \(match) WHERE \(differs)")
        let changed = Int(changedRow.first?.first?.integer ?? 0)
        var changedColumns: [(String, Int)] = []
        if let row = changedRow.first {
            for (i, column) in columns.enumerated() {
                let count = Int(row[i + 1].integer ?? 0)
                if count > 0 { changedColumns.append((column, count)) }
            }
        }
        var first: String?
        if added + removed + changed > 0 {
            first = try firstDifference(name, keys: keys, columns: columns, fresh: fresh, match: match, connection: connection)
        }
        return ProjectionDiff(
            table: name, added: added, removed: removed, changed: changed, changedColumns: changedColumns,
            firstDifference: first)
    }

    private static func firstDifference(
        _ name: String, keys: [String], columns: [String], fresh: ProjectionTables, match: String,
        connection: Connection
    ) throws(LedgerError) -> String? {
        let live = "main.\(name)"
        let keyList = keys.map { "l.\($0)" }.joined(separator: ", ")
        let select = columns.map { "l.\($0), f.\($0)" }.joined(separator: ", ")
        let differs = columns.map { "l.\($0) IS NOT f.\($0)" }.joined(separator: " OR ")
        if let row = try connection.rows(
            "SELECT \(select) FROM \(live) l JOIN \(fresh(name)) f ON \(match) WHERE \(differs) ORDER BY \(keyList) LIMIT 1"
        ).first {
            let keyText = keys.compactMap { key in columns.firstIndex(of: key).map { "\(key)=\(row[$0 * 2].plainText)" } }
            let changes = columns.enumerated().filter { row[$0.offset * 2] != row[$0.offset * 2 + 1] }.map {
                "\($0.element) is \(row[$0.offset * 2].plainText) but the log gives \(row[$0.offset * 2 + 1].plainText)"
            }
            return "\(name) row \(keyText.joined(separator: ", ")): \(changes.joined(separator: "; "))"
        }
        let keySelect = keys.map { "f.\($0)" }.joined(separator: ", ")
        if let row = try connection.rows(
            "SELECT \(keySelect) FROM \(fresh(name)) f WHERE NOT EXISTS (SELECT 1 FROM \(live) l WHERE \(match)) LIMIT 1"
        ).first {
            return "\(name) is missing the row \(zip(keys, row).map { "\($0)=\($1.plainText)" }.joined(separator: ", "))"
        }
        let liveKeys = keys.map { "l.\($0)" }.joined(separator: ", ")
        if let row = try connection.rows(
            "SELECT \(liveKeys) FROM \(live) l WHERE NOT EXISTS (SELECT 1 FROM \(fresh(name)) f WHERE \(match)) LIMIT 1"
        ).first {
            return "\(name) has a row the log does not give: \(zip(keys, row).map { "\($0)=\($1.plainText)" }.joined(separator: ", "))"
        }
        return nil
    }
}
