/// What the history view's current versions show of the changes a walk over the performance rows finds.
///
/// A current version is its performance row under the view's columns (`HistoryView.currentValue`): most columns
/// as they are, `seq` and `valid_from` from `source_seq` (and the event, the same log on both sides), `brand_id`
/// from `brand_id` and `version_brand_id`. So when no performance row was added or removed and none changed in
/// `source_seq`, `brand_id` or `version_brand_id`, the current versions differ exactly where the performance rows
/// do, in the columns the two share. The history's comparison then walks only its replaced versions and adds these
/// (`ProjectionDiff.compare`), where it would otherwise walk every current version a second time.
struct CurrentVersionChanges: Sendable {
    /// The history view's columns, in its order.
    let columns: [String]
    /// For each of `columns`, the performance column it shows as it is; nil for the ones the view computes.
    private let sources: [Int?]
    /// The performance columns the view computes a column from: a change to one leaves `isExact` false.
    private let computedFrom: [Int]
    private let seqIndex: Int

    /// Current versions that changed.
    private(set) var changed = 0
    /// Changed current versions per column of `columns`.
    private(set) var changedPerColumn: [Int]
    /// The least seq among the changed current versions, and its change in the walk's words.
    private(set) var first: (seq: Int64, text: String)?
    /// False once a changed performance row changed a column the view computes from: then these counts are not the
    /// view's, and the history must be walked whole.
    private(set) var isExact = true

    /// The mapping from performance columns `performance` to history columns `history`; nil when a history column is
    /// neither computed by the view nor a performance column.
    init?(history: [String], performance: [String]) {
        guard let seq = performance.firstIndex(of: "source_seq") else { return nil }
        var sources: [Int?] = []
        for column in history {
            guard HistoryView.showsAsItIs(column) else {
                sources.append(nil)
                continue
            }
            guard let index = performance.firstIndex(of: column) else { return nil }
            sources.append(index)
        }
        self.columns = history
        self.sources = sources
        self.computedFrom = HistoryView.computedFrom.compactMap { performance.firstIndex(of: $0) }
        self.seqIndex = seq
        self.changedPerColumn = Array(repeating: 0, count: history.count)
    }

    /// Notes a changed pair of performance rows (`differing` marks its changed columns, in performance order).
    mutating func note<Row: ComparedRow>(live: Row, built: Row, differing: [Bool]) {
        guard isExact else { return }
        if computedFrom.contains(where: { differing[$0] }) {
            isExact = false
            return
        }
        let shown = sources.indices.filter { index in sources[index].map { differing[$0] } ?? false }
        guard !shown.isEmpty else { return }
        changed += 1
        for index in shown { changedPerColumn[index] += 1 }
        let seq = live.int64(at: seqIndex)
        if let first, first.seq <= seq { return }
        let changes = shown.map { index in
            let source = sources[index] ?? 0
            return (columns[index], live.value(at: source), built.value(at: source))
        }
        first = (seq, ProjectionMerge.changeText(table: HistoryView.name, key: "seq=\(seq)", changes: changes))
    }
}
