#if canImport(Glibc)
    import Glibc
#endif

/// `report_ad_buckets` and `drift_segments` for a full build (rebuild, verify, compact), summed in Swift from one
/// pass over the finished performance rows (and one over the replaced versions, joined to their ad-day's row)
/// instead of by the set-based SQL of `ReportSummary.rebuild()` and `DriftSummary.rebuild()`, whose sorts and
/// date functions cost a rebuild ~1.3 s per 200k ad-days on the writer's thread.
///
/// It writes the same rows in the same order (so the same rowids and file bytes): SQLite's `GROUP BY` emits groups
/// in key order (NULL first, text bytewise), which is the order rows are inserted here, and each value is computed
/// as SQLite computes it — a day's bucket and mask bit as `date()`/`strftime('%w')` give them, money and drift
/// metrics as `CAST(round(x * 1000000) AS INTEGER)` (SQLite's `round` adds ±0.5 and truncates), sums as integer
/// sums (NULL when every value is NULL). Where a value falls outside what it reproduces exactly (a key that is not
/// ASCII text, a date not of the form `YYYY-MM-DD`, a REAL in an integer column, a sum that overflows), it returns
/// false and the caller builds that table with the SQL instead (which starts by emptying it).
///
/// The report's groups are summed one ad at a time (the rows are read in `(meta_ad_id, date)` order through the
/// table's unique index and an ad's groups are written when the next ad starts): its memory does not grow with the
/// ledger. The connection's thread only steps the statement and gathers each row's bytes (`RowBatch`); a thread of
/// its own sums them (``PerformanceSums``) and hands back the rows to write, a few batches behind, so the two share
/// the cores (a rebuild's other core is otherwise idle once the live tables' digests are read). Drift's groups (per
/// account, campaign, currency, date and fetch days) are held until the end, in
/// ``DriftGroups`` (a few small ids and 17 integers a group), at most ``groupLimit`` of each kind at a time: beyond
/// that they are written out as partial sums and summed by SQL at the end (``DriftPartials``), so memory stays flat
/// however many groups a ledger has.
struct SummaryBuild {
    let connection: Connection
    let tables: ProjectionTables
    /// The drift groups of each kind held in memory before they are written out (~200–300 bytes each).
    var groupLimit = SummaryBuild.driftGroupLimit
    /// Whether to digest the tables as the build reads or writes them (``Outcome/digests``): the digests a
    /// comparison with the live tables needs (over the columns `ProjectionDiff.columns` names), taken on the pass
    /// the build makes anyway.
    var takesDigests = false
    /// The walk comparing the performance rows with the live ones (configured as `ProjectionDiff` would run it) and
    /// the ledger's path, when the build is to feed it the rows it reads (`KeyOrderStream`): for a rebuild, which
    /// holds the write lock and leaves the live tables as they are until it has compared them.
    var comparison: (merge: ProjectionMerge, livePath: String)?

    /// The default ``groupLimit``: ~8 MB of groups. The bench's million ad-days (one fetch each) make 60,030.
    static let driftGroupLimit = 32_768

    /// Performance rows per batch handed to the summing thread.
    var batchSize = SummaryBuild.rowsPerBatch

    /// The default ``batchSize``: ~300 KB of a performance table's rows.
    static let rowsPerBatch = 512

    /// A value outside what the build reproduces exactly.
    struct Unsupported: Error {}

    /// What a build did.
    struct Outcome {
        /// Whether the report's table was built (else the SQL must build it).
        var report: Bool
        /// Whether drift's table was built (else the SQL must build it).
        var drift: Bool
        /// Digests of `meta_ads_performance` and of the summaries' tables this build wrote, by table, when asked
        /// for: the performance rows' as they were read, each summary's from the values it bound (when SQLite
        /// stores them as bound, `TableDigest.BoundRows`, and the Swift sums wrote the whole table).
        var digests: [String: TableDigest] = [:]
        /// What the walk of `comparison` found; nil when it was not asked for, or could not read the live rows.
        var performanceWalk: KeyOrderStream.Walked?
    }

    /// Sums over one group's rows, as SQL's `sum()` gives them: nil while every value was NULL.
    struct Sums {
        var values: [Int64?]

        init(count: Int) { values = Array(repeating: nil, count: count) }

        mutating func add(_ value: Int64?, at index: Int) throws(Unsupported) {
            guard let value else { return }
            guard let sum = values[index] else {
                values[index] = value
                return
            }
            let (result, overflow) = sum.addingReportingOverflow(value)
            if overflow { throw Unsupported() }
            values[index] = result
        }
    }

    /// Reads text columns that must be NULL or ASCII text (so that Swift's `<` and `==` on them are SQLite's BINARY
    /// ones), keeping per column the strings it made in a small table found by a hash of the bytes: a value met
    /// before (a date, a fetch time, an account, a campaign: each repeats across the ad-days) is not made again.
    final class ColumnTexts {
        /// Per column, `slots` entries: the bytes and the string made of them.
        private var bytes: [[UInt8]]
        private var texts: [String]

        /// Entries per column: more than the dates of a year, so a ledger's repeating values mostly stay.
        private static let slots = 512

        init(count: Int) {
            bytes = Array(repeating: [], count: count * Self.slots)
            texts = Array(repeating: "", count: count * Self.slots)
        }

        /// Column `index`: nil when NULL.
        func optional(_ rows: some ColumnReader, _ index: Int) throws(Unsupported) -> String? {
            switch rows.columnType(at: index) {
            case .null: return nil
            case .text: break
            default: throw Unsupported()
            }
            return try rows.withBytes(at: index) { (value: UnsafeRawBufferPointer) throws(Unsupported) -> String in
                // FNV-1a of the bytes picks the entry.
                var hash: UInt32 = 2_166_136_261
                for byte in value { hash = (hash ^ UInt32(byte)) &* 16_777_619 }
                let slot = index * Self.slots + Int(hash % UInt32(Self.slots))
                let same = bytes[slot].withUnsafeBytes { known in
                    guard known.count == value.count else { return false }
                    guard let start = known.baseAddress, let other = value.baseAddress else { return true }
                    return memcmp(start, other, value.count) == 0
                }
                if same { return texts[slot] }
                guard value.allSatisfy({ $0 < 0x80 }) else { throw Unsupported() }
                let text = String(decoding: value, as: UTF8.self)
                bytes[slot] = Array(value)
                texts[slot] = text
                return text
            }
        }

        /// Column `index`, which must not be NULL.
        func required(_ rows: some ColumnReader, _ index: Int) throws(Unsupported) -> String {
            guard let text = try optional(rows, index) else { throw Unsupported() }
            return text
        }
    }

    /// Builds both tables whole (emptied first, as the SQL empties them: a build into the live tables, as compact's,
    /// has the triggers fill them meanwhile); for each, false when the SQL must build it.
    func build() throws(LedgerError) -> Outcome {
        try connection.execute("DELETE FROM \(tables(ReportSummary.table)); DELETE FROM \(tables(DriftSummary.table))")
        let columns = try ProjectionDiff.columns(of: "meta_ads_performance", on: connection)
        guard let layout = PerformanceSums.Layout(columns: columns) else { return Outcome(report: false, drift: false) }
        let partials = DriftPartials(connection: connection, tables: tables)
        defer { partials.finish() }
        let report = takesDigests ? try boundRows(ReportSummary.table, bound: ReportSummary.columnNames) : nil
        let sums = try performanceSums(layout: layout, columns: columns, report: report, partials: partials)
        var outcome = Outcome(report: sums.report, drift: false)
        outcome.digests["meta_ads_performance"] = sums.digest
        outcome.performanceWalk = sums.walked
        guard sums.report else { return outcome }
        outcome.digests[ReportSummary.table] = sums.reportDigest
        var drift = takesDigests ? try boundRows(DriftSummary.table, bound: DriftSummary.columns) : nil
        if var latest = sums.latest, var replaced = try replacedGroups(partials) {
            if try insertDrift(&latest, latest: true, partials: partials, digest: &drift) {
                outcome.drift = try insertDrift(&replaced, latest: false, partials: partials, digest: &drift)
            }
        }
        if outcome.drift { outcome.digests[DriftSummary.table] = drift?.digest }
        return outcome
    }

    /// A digest of the rows about to be bound into summary `table` in the order of `bound`; nil when that is not the
    /// table's order.
    private func boundRows(_ table: String, bound: [String]) throws(LedgerError) -> TableDigest.BoundRows? {
        let declared = try connection.rows("SELECT name, type FROM pragma_table_info(?)", [.text(table)])
        return TableDigest.BoundRows(
            columns: declared.map { $0[0].text ?? "" }, types: declared.map { $0[1].text ?? "" }, bound: bound,
            keys: ProjectionDiff.keys[table] ?? [])
    }

    /// Reads every performance row in `(meta_ad_id, date)` order and sums them on a thread of their own
    /// (``PerformanceSums``), writing the report rows and the drift groups it hands back as it goes.
    ///
    /// The summing thread answers each batch with one `Output`; this thread takes the answer to a batch once it has
    /// sent two more, so at most three batches are in flight and neither side waits on the other for long. When this
    /// side fails, it closes the answers (the summing thread then only drains what it is sent) and sends the end.
    private func performanceSums(
        layout: PerformanceSums.Layout, columns: [String], report: TableDigest.BoundRows?, partials: DriftPartials
    ) throws(LedgerError) -> PerformanceSums.Final {
        let rows = try connection.prepare(
            """
            SELECT \(columns.joined(separator: ", ")) FROM \(tables("meta_ads_performance"))
            ORDER BY meta_ad_id, date
            """)
        let reportInsert = try connection.prepare(
            """
            INSERT INTO \(tables(ReportSummary.table))(\(ReportSummary.columns))
            VALUES (\(Array(repeating: "?", count: ReportSummary.columnNames.count).joined(separator: ", ")))
            """)
        let positions = columns.indices.map(Int32.init)
        let keys = (ProjectionDiff.keys["meta_ads_performance"] ?? []).compactMap { columns.firstIndex(of: $0) }
            .map(Int32.init)
        let batches = BatchChannel<RowBatch?>(capacity: 2)
        let answers = BatchChannel<PerformanceSums.Output>(capacity: 4)
        // Rows compared on the way (`comparison`) need no digest.
        let (groupLimit, digests, comparison) = (self.groupLimit, takesDigests && comparison == nil, self.comparison)
        let placeholder = PerformanceSums.Final(
            report: false, latest: nil, digest: nil, reportDigest: nil, output: .init())
        let task = BackgroundTask(label: "adledger.summary-sums", placeholder: placeholder) {
            var sums = PerformanceSums(layout: layout, groupLimit: groupLimit, digests: digests, report: report)
            var stream = comparison.map { KeyOrderStream(merge: $0.merge, path: $0.livePath) }
            var answering = true
            withUnsafeTemporaryAllocation(of: Int.self, capacity: layout.columns) { offsets in
                while case .some(.some(let batch)) = batches.receive() {
                    guard answering else { continue }
                    var output = PerformanceSums.Output()
                    batch.forEach { bytes, bucket in
                        let row = GatheredRow(bytes, columns: layout.columns, offsets: offsets)
                        // A row that does not read back leaves the comparison to walk on its own.
                        if let row { stream?.add(row, bucket: bucket) } else { stream = nil }
                        sums.add(row, hash: digests ? TableDigest.hash(row: bytes) : 0, bucket: bucket, into: &output)
                    }
                    answering = answers.send(output)
                }
            }
            var final = sums.finish()
            // A build that failed does not wait for the live rows left.
            if answering { final.walked = stream?.finish() }
            return final
        }
        func write(_ output: PerformanceSums.Output) throws(LedgerError) {
            for row in output.reportRows { try reportInsert.run(row) }
            for var groups in output.spills { try partials.spill(&groups, latest: true) }
        }
        var sent = 0
        var answered = 0
        func hand(_ batch: RowBatch) throws(LedgerError) {
            _ = batches.send(batch)
            sent += 1
            if sent - answered > 2, let output = answers.receive() {
                answered += 1
                try write(output)
            }
        }
        do {
            var batch = RowBatch()
            while try rows.step() {
                batch.append(rows, columns: positions, keys: keys)
                if batch.count == batchSize {
                    try hand(batch)
                    batch = RowBatch()
                }
            }
            if batch.count > 0 { try hand(batch) }
            _ = batches.send(nil)
            while answered < sent, let output = answers.receive() {
                answered += 1
                try write(output)
            }
        } catch {
            answers.close()
            _ = batches.send(nil)
            _ = task.wait()
            throw error
        }
        rows.reset()
        let final = task.wait()
        if final.report { try write(final.output) }
        return final
    }

    /// The replaced versions' drift groups (`is_latest = 0`) not yet written out to `partials`; nil when one holds a
    /// value this does not reproduce.
    private func replacedGroups(_ partials: DriftPartials) throws(LedgerError) -> DriftGroups? {
        let base = ReportMetric.baseColumns
        // 0 account, 1 campaign, 2 currency, 3 date, 4 valid_from, 5 valid_to, then h's base columns, then p's.
        let rows = try connection.prepare(
            """
            SELECT p.meta_ad_account_id, p.meta_campaign_id, p.currency, h.date, h.valid_from, h.valid_to,
                \(base.map { "h.\($0)" }.joined(separator: ", ")), \(base.map { "p.\($0)" }.joined(separator: ", "))
            FROM \(tables(HistoryView.replacedTable)) h
            JOIN \(tables("meta_ads_performance")) p ON p.meta_ad_id = h.meta_ad_id AND p.date = h.date
            WHERE h.valid_to IS NOT NULL
            """)
        var groups = DriftGroups(columns: base.count)
        let texts = ColumnTexts(count: 6)
        while try rows.step() {
            do throws(Unsupported) { try Self.addReplaced(rows, texts, to: &groups) } catch { return nil }
            if groups.count >= groupLimit { try partials.spill(&groups, latest: false) }
        }
        return groups
    }

    /// Adds one replaced version (with its ad-day's latest values) to its drift group (`is_latest = 0`).
    private static func addReplaced(_ rows: Statement, _ texts: ColumnTexts, to groups: inout DriftGroups)
        throws(Unsupported)
    {
        let base = ReportMetric.baseColumns
        guard let account = try texts.optional(rows, 0), let from = try texts.optional(rows, 4),
            let to = try texts.optional(rows, 5), from.utf8.count >= 10, to.utf8.count >= 10
        else { throw Unsupported() }
        let key = groups.key(
            account: account, campaign: try texts.optional(rows, 1), currency: try texts.optional(rows, 2),
            date: try texts.required(rows, 3), fromDay: from.prefix(10), toDay: to.prefix(10))
        let slot = groups.slot(key)
        groups.addVersion(at: slot)
        for index in base.indices {
            // micros(coalesce(h.x, 0)) - micros(coalesce(p.x, 0)), and count(*).
            let version = try micros(rows, 6 + index) ?? 0
            let latest = try micros(rows, 6 + base.count + index) ?? 0
            let (difference, overflow) = version.subtractingReportingOverflow(latest)
            if overflow { throw Unsupported() }
            guard groups.add(difference, column: index, at: slot, counted: true) else { throw Unsupported() }
        }
    }

    /// Inserts drift groups in key order, with those written out to `partials` before; false when a sum overflows
    /// (the SQL then builds the table). `digest` takes the rows inserted, and is dropped when `partials` sums them.
    private func insertDrift(
        _ groups: inout DriftGroups, latest: Bool, partials: DriftPartials, digest: inout TableDigest.BoundRows?
    ) throws(LedgerError) -> Bool {
        if partials.hasSpilled(latest: latest) {
            digest = nil
            return try partials.merge(&groups, latest: latest)
        }
        let insert = try connection.prepare(
            """
            INSERT INTO \(tables(DriftSummary.table))(\(DriftSummary.columns.joined(separator: ", ")))
            VALUES (\(Array(repeating: "?", count: DriftSummary.columns.count).joined(separator: ", ")))
            """)
        for group in groups.sorted() {
            let row = Self.driftRow(group, of: groups, latest: latest)
            try insert.run(row)
            digest?.add(row)
        }
        groups = DriftGroups(columns: groups.columns)
        return true
    }

    /// One drift group as a `drift_segments` row, in ``DriftSummary/columns`` order.
    static func driftRow(_ group: DriftGroups.Group, of groups: DriftGroups, latest: Bool) -> [SQLValue] {
        let key = group.key
        var values: [SQLValue] = [
            .integer(latest ? 1 : 0), .text(groups.text(key.account) ?? ""), value(groups.text(key.campaign)),
            value(groups.text(key.currency)), .text(groups.text(key.date) ?? ""),
            .text(groups.text(key.fromDay) ?? ""), value(groups.text(key.toDay)), .integer(group.versions),
        ]
        values += group.sums.map { SQLValue.integer($0) }
        return values
    }

    // MARK: values as SQLite gives them

    /// NULL before any text; ASCII text bytewise (what `<` is on ASCII strings).
    static func precedes(_ a: String?, _ b: String?) -> Bool {
        switch (a, b) {
        case (nil, nil): false
        case (nil, _): true
        case (_, nil): false
        case (let a?, let b?): a < b
        }
    }

    static func value(_ text: String?) -> SQLValue { text.map(SQLValue.text) ?? .null }

    /// An INTEGER column summed as it is: NULL or an integer.
    static func integer(_ rows: some ColumnReader, _ index: Int) throws(Unsupported) -> Int64? {
        switch rows.columnType(at: index) {
        case .null: return nil
        case .integer: return rows.int64(at: index)
        default: throw Unsupported()
        }
    }

    /// `CAST(round(x * 1000000) AS INTEGER)` of a column, as SQLite evaluates it (``Micros``).
    static func micros(_ rows: some ColumnReader, _ index: Int) throws(Unsupported) -> Int64? {
        let micros: Int64?
        switch rows.columnType(at: index) {
        case .null: return nil
        // INTEGER * INTEGER stays an integer (an overflow would make it REAL: not reproduced here).
        case .integer: micros = Micros.of(rows.int64(at: index))
        case .real: micros = Micros.of(rows.double(at: index))
        default: throw Unsupported()
        }
        guard let micros else { throw Unsupported() }
        return micros
    }
}
