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
    /// The key buckets (`KeyBucket`) whose digests differ between the two sides; nil when not digested.
    var differingBuckets: [Int]? = nil
    /// How many rows the comparison read from both sides (none when the digests were equal).
    var rowsCompared = 0
    /// Whether the comparison walked both sides in stored order (`ProjectionMerge.runInStoredOrder`).
    var walkedInStoredOrder = false
    /// The live rows' changes as a patch (`ProjectionPatch`), when the comparison kept them and found no row added
    /// or removed.
    var patch: ProjectionPatch?
    /// For the history compared through its view: true when its replaced versions' digests equal the live ones
    /// (every difference is then a current version's, that is a performance row's); nil when not digested.
    var replacedVersionsUnchanged: Bool?
    /// The key of the row `firstDifference` names, when it is a changed row.
    var firstChangedKey: [SQLValue]?
    /// For the performance rows: what the history view's current versions show of their changes, when that is
    /// exactly the view's difference in them (`CurrentVersionChanges`: no row added or removed, no column the view
    /// computes changed).
    var currentVersions: CurrentVersionChanges?

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

    /// Compares `fresh(name)` with `main.name` in one pass over both (`ProjectionMerge`); for the history
    /// view, its rows over the fresh tables (``HistoryView``) with the live view's. `performance`: the performance
    /// tables' diff, compared first. When it is empty (every column of every row equal), the view's current versions
    /// (a function of a performance row and its event) are equal on both sides, and only the replaced versions'
    /// tables are read.
    ///
    /// With `live`, the digest of the live rows read elsewhere (`LiveDigests`), the fresh rows are digested first
    /// (unless the build digested them on its way: `freshDigest`): when the digests are equal the tables are, and the
    /// live side is not read here. When they differ, the walk
    /// reads only the rows in the key buckets whose digests differ (all the rows that can differ; the others are the
    /// same on both sides), unless more than half of the buckets do. For the history whose current versions may
    /// differ, those are the replaced versions' buckets that differ, and the ad-days in the performance buckets that
    /// differ.
    ///
    /// When the performance rows' walk counted what the history's current versions show of their changes
    /// (`currentVersions`), the history walks only its replaced versions and adds those counts: the same diff as a
    /// walk over every version, with the current versions read once.
    ///
    /// With `walked`, what the walk `walk(name:…)` configures found as the build fed it (`KeyOrderStream`): nothing is
    /// read again.
    static func compare(
        _ name: String, fresh: ProjectionTables, performance: ProjectionDiff? = nil, live: LiveDigests? = nil,
        freshDigest: TableDigest? = nil, keepsChanges: Int = 0, walked: KeyOrderStream.Walked? = nil,
        on connection: Connection
    ) throws(LedgerError) -> ProjectionDiff {
        if name == HistoryView.name, let performance, !performance.isEmpty, let current = performance.currentVersions {
            let replaced = try compare(
                name, fresh: fresh, currentVersionsEqual: true, performance: performance, live: live,
                keepsChanges: keepsChanges, on: connection)
            return replaced.adding(current)
        }
        return try compare(
            name, fresh: fresh, currentVersionsEqual: performance?.isEmpty == true, performance: performance,
            live: live, freshDigest: freshDigest, keepsChanges: keepsChanges, walked: walked, on: connection)
    }

    /// The walk that compares `name` as `compare` runs it: ``merge(_:fresh:currentVersionsEqual:on:)``, counting
    /// what the history's current versions show of the performance rows' changes, and keeping up to `keepsChanges`
    /// changed rows for a patch where the table can be patched.
    static func walk(
        _ name: String, fresh: ProjectionTables, currentVersionsEqual: Bool, keepsChanges: Int,
        on connection: Connection
    ) throws(LedgerError) -> ProjectionMerge {
        var merge = try merge(name, fresh: fresh, currentVersionsEqual: currentVersionsEqual, on: connection)
        if name == "meta_ads_performance" {
            let history = try connection.rows("SELECT name FROM pragma_table_info(?)", [.text(HistoryView.name)])
            merge.currentVersions = CurrentVersionChanges(
                history: history.compactMap { $0[0].text }, performance: merge.columns)
        }
        // A patch updates rows by rowid: a WITHOUT ROWID table is swapped in when it differs.
        if keepsChanges > 0, let table = merge.patchedTable,
            try connection.scalar(
                "SELECT wr FROM pragma_table_list(?) WHERE schema = 'main'", [.text(table)])?.integer == 0
        {
            merge.keepsChanges = keepsChanges
        }
        return merge
    }

    /// `compare`, with the history's current versions known to be equal (`currentVersionsEqual`) or not.
    private static func compare(
        _ name: String, fresh: ProjectionTables, currentVersionsEqual: Bool, performance: ProjectionDiff?,
        live: LiveDigests?, freshDigest known: TableDigest? = nil, keepsChanges: Int,
        walked: KeyOrderStream.Walked? = nil, on connection: Connection
    ) throws(LedgerError) -> ProjectionDiff {
        var merge = try walk(
            name, fresh: fresh, currentVersionsEqual: currentVersionsEqual, keepsChanges: keepsChanges, on: connection)
        merge.liveRowsPath = live?.rowsPath
        var differing: [Int]?
        var replacedVersionsUnchanged: Bool?
        if let walked {
            differing = walked.differingBuckets
        } else if let live, let liveDigest = live.digest(of: name) {
            if name == HistoryView.name && !currentVersionsEqual {
                // The history's live digest is of its replaced versions (what is compared when the current ones are
                // equal). A history row that differs is a replaced version that differs, or the current version of
                // a performance row that differs: the two conditions (each side's rows hold both sets of columns).
                if let ofPerformance = performance?.differingBuckets, Self.narrows(ofPerformance) {
                    let replaced = try Self.merge(name, fresh: fresh, currentVersionsEqual: true, on: connection)
                    let buckets = try replaced.digest(replaced.freshRows, on: connection)
                        .buckets(differingFrom: liveDigest)
                    replacedVersionsUnchanged = buckets.isEmpty
                    if Self.narrows(buckets) {
                        merge.filter =
                            "(\(KeyBucket.condition(keys: replaced.keys, in: buckets))) OR "
                            + "(\(KeyBucket.condition(keys: Self.keys["meta_ads_performance"] ?? [], in: ofPerformance)))"
                    }
                }
            } else {
                let freshDigest: TableDigest
                if let known {
                    freshDigest = known
                } else {
                    freshDigest = try merge.digest(merge.freshRows, on: connection)
                }
                if freshDigest == liveDigest {
                    return ProjectionDiff(
                        table: name, added: 0, removed: 0, changed: 0, changedColumns: [], firstDifference: nil)
                }
                let buckets = freshDigest.buckets(differingFrom: liveDigest)
                differing = buckets
                if Self.narrows(buckets) { merge.filter = KeyBucket.condition(keys: merge.keys, in: buckets) }
            }
        }
        let outcome: ProjectionMerge.Outcome
        if let walked { outcome = walked.outcome } else { outcome = try merge.run(on: connection) }
        let changedColumns = zip(merge.columns, outcome.changedPerColumn).filter { $0.1 > 0 }.map { ($0.0, $0.1) }
        let first =
            outcome.firstChanged
            ?? outcome.firstAdded.map { "\(name) is missing the row \($0)" }
            ?? outcome.firstRemoved.map { "\(name) has a row the log does not give: \($0)" }
        var patch: ProjectionPatch?
        if let changes = outcome.changes, let table = merge.patchedTable, outcome.added == 0, outcome.removed == 0 {
            patch = ProjectionPatch(table: table, columns: merge.columns, changes: changes)
        }
        var current = outcome.currentVersions
        if current?.isExact != true || outcome.added > 0 || outcome.removed > 0 { current = nil }
        return ProjectionDiff(
            table: name, added: outcome.added, removed: outcome.removed, changed: outcome.changed,
            changedColumns: changedColumns, firstDifference: first, differingBuckets: differing,
            rowsCompared: outcome.rowsRead, walkedInStoredOrder: outcome.inStoredOrder, patch: patch,
            replacedVersionsUnchanged: replacedVersionsUnchanged, firstChangedKey: outcome.firstChangedKey,
            currentVersions: current)
    }

    /// This diff of the history's replaced versions with the changes of its current versions added: the diff of the
    /// whole view. Its first difference is the changed version with the least seq, as the walk in key order names it.
    private func adding(_ current: CurrentVersionChanges) -> ProjectionDiff {
        let columns = current.columns.enumerated().compactMap { index, column -> (column: String, rows: Int)? in
            let rows = (changedColumns.first { $0.column == column }?.rows ?? 0) + current.changedPerColumn[index]
            return rows > 0 ? (column, rows) : nil
        }
        // A replaced version's change comes first when its seq is less.
        var replacedSeq: Int64?
        if case .integer(let seq)? = firstChangedKey?.first { replacedSeq = seq }
        var first = firstDifference
        if let currentFirst = current.first, replacedSeq.map({ $0 > currentFirst.seq }) ?? true {
            first = currentFirst.text
        }
        return ProjectionDiff(
            table: table, added: added, removed: removed, changed: changed + current.changed,
            changedColumns: columns, firstDifference: first, rowsCompared: rowsCompared,
            walkedInStoredOrder: walkedInStoredOrder, patch: patch, replacedVersionsUnchanged: isEmpty)
    }

    /// The projections whose schema holds each key once (`UNIQUE` on exactly the keys, which are NOT NULL).
    static let uniqueKeys: Set<String> = ["meta_ads_performance"]

    /// Whether walking only `buckets` is worth its filter: when more than half of them differ, one walk over
    /// everything reads little more.
    private static func narrows(_ buckets: [Int]) -> Bool { buckets.count <= KeyBucket.count / 2 }

    /// The columns of projection `name` a comparison reads, in the table's order.
    static func columns(of name: String, on connection: Connection) throws(LedgerError) -> [String] {
        try connection.rows("SELECT name FROM pragma_table_info(?)", [.text(name)]).compactMap { $0[0].text }
    }

    /// The walk that compares `fresh(name)` with `main.name` (see `compare`).
    static func merge(
        _ name: String, fresh: ProjectionTables, currentVersionsEqual: Bool, on connection: Connection
    ) throws(LedgerError) -> ProjectionMerge {
        let keys = Self.keys[name] ?? []
        var merge = ProjectionMerge(name: name, keys: keys, columns: try columns(of: name, on: connection), fresh: fresh)
        merge.keysAreUnique = Self.uniqueKeys.contains(name)
        if name == HistoryView.name && currentVersionsEqual { merge.table = HistoryView.replacedTable }
        return merge
    }
}
