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
/// ledger. Drift's groups (per account, campaign, currency, date and fetch days) are held until the end, in
/// ``DriftGroups`` (a few small ids and 17 integers a group), at most ``groupLimit`` of each kind at a time: beyond
/// that they are written out as partial sums and summed by SQL at the end (``DriftPartials``), so memory stays flat
/// however many groups a ledger has.
struct SummaryBuild {
    let connection: Connection
    let tables: ProjectionTables
    /// The drift groups of each kind held in memory before they are written out (~200–300 bytes each).
    var groupLimit = SummaryBuild.driftGroupLimit

    /// The default ``groupLimit``: ~8 MB of groups. The bench's million ad-days (one fetch each) make 60,030.
    static let driftGroupLimit = 32_768

    /// A value outside what the build reproduces exactly.
    struct Unsupported: Error {}

    /// Sums over one group's rows, as SQL's `sum()` gives them: nil while every value was NULL.
    private struct Sums {
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
    private final class ColumnTexts {
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
        func optional(_ rows: Statement, _ index: Int) throws(Unsupported) -> String? {
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
                if value.count == bytes[slot].count, value.elementsEqual(bytes[slot]) { return texts[slot] }
                guard value.allSatisfy({ $0 < 0x80 }) else { throw Unsupported() }
                let text = String(decoding: value, as: UTF8.self)
                bytes[slot] = Array(value)
                texts[slot] = text
                return text
            }
        }

        /// Column `index`, which must not be NULL.
        func required(_ rows: Statement, _ index: Int) throws(Unsupported) -> String {
            guard let text = try optional(rows, index) else { throw Unsupported() }
            return text
        }
    }

    /// A report group's key after `meta_ad_id`, in `GROUP BY` order.
    private struct ReportKey: Hashable, Comparable {
        var bucket: String
        var currency: String?
        var brand: String?
        var account: String?
        var campaign: String?
        var adset: String?

        static func < (a: ReportKey, b: ReportKey) -> Bool {
            if a.bucket != b.bucket { return a.bucket < b.bucket }
            for (x, y) in [
                (a.currency, b.currency), (a.brand, b.brand), (a.account, b.account), (a.campaign, b.campaign),
            ]
            where x != y {
                return SummaryBuild.precedes(x, y)
            }
            return SummaryBuild.precedes(a.adset, b.adset)
        }
    }

    private struct ReportGroup {
        var dayMask: Int64 = 0
        var firstDay: String
        var lastDay: String
        /// spend_micros, impressions, clicks, link_clicks, purchases, purchase_value_micros, add_to_carts, video_views.
        var sums = Sums(count: 8)
    }

    /// Builds both tables whole (emptied first, as the SQL empties them: a build into the live tables, as compact's,
    /// has the triggers fill them meanwhile); for each, false when the SQL must build it.
    func build() throws(LedgerError) -> (report: Bool, drift: Bool) {
        try connection.execute("DELETE FROM \(tables(ReportSummary.table)); DELETE FROM \(tables(DriftSummary.table))")
        let performance = tables("meta_ads_performance")
        let base = ReportMetric.baseColumns
        // 0 ad, 1 date, 2 currency, 3 brand, 4 account, 5 campaign, 6 adset, 7 first_fetched_at, 8... base columns.
        let rows = try connection.prepare(
            """
            SELECT meta_ad_id, date, currency, brand_id, meta_ad_account_id, meta_campaign_id, meta_adset_id,
                first_fetched_at, \(base.joined(separator: ", "))
            FROM \(performance) ORDER BY meta_ad_id, date
            """)
        let reportInsert = try connection.prepare(
            """
            INSERT INTO \(tables(ReportSummary.table))(\(ReportSummary.columns))
            VALUES (\(Array(repeating: "?", count: 18).joined(separator: ", ")))
            """)
        let texts = ColumnTexts(count: 8)
        var report = true
        var latest = DriftGroups(columns: base.count)
        // False once a row holds a value the drift groups do not reproduce (the SQL builds that table then).
        var driftSupported = true
        var ad: String?
        var groups: [ReportKey: ReportGroup] = [:]
        let partials = DriftPartials(connection: connection, tables: tables)
        defer { partials.finish() }
        while try rows.step() {
            let adId: String
            do throws(Unsupported) { adId = try texts.required(rows, 0) } catch {
                report = false
                break
            }
            if adId != ad {
                if let ad { try Self.flush(ad: ad, groups: groups, into: reportInsert) }
                groups.removeAll(keepingCapacity: true)
                ad = adId
            }
            do throws(Unsupported) {
                let date = try Self.addReport(rows, texts, to: &groups)
                if driftSupported {
                    do throws(Unsupported) { try Self.addLatest(rows, texts, date: date, to: &latest) } catch {
                        driftSupported = false
                        latest = DriftGroups(columns: base.count)
                    }
                }
            } catch {
                report = false
                break
            }
            if driftSupported, latest.count >= groupLimit { try partials.spill(&latest, latest: true) }
        }
        if !report {
            // The drift groups stopped where the report's did.
            driftSupported = false
        } else if let ad {
            try Self.flush(ad: ad, groups: groups, into: reportInsert)
        }
        rows.reset()
        var drift = false
        if driftSupported, var replaced = try replacedGroups(partials) {
            if try insertDrift(&latest, latest: true, partials: partials) {
                drift = try insertDrift(&replaced, latest: false, partials: partials)
            }
        }
        return (report, drift)
    }

    /// Adds one performance row to its ad's report group; returns its date.
    private static func addReport(_ rows: Statement, _ texts: ColumnTexts, to groups: inout [ReportKey: ReportGroup])
        throws(Unsupported)
        -> String
    {
        let date = try texts.required(rows, 1)
        guard let day = ReportBucket(date: date) else { throw Unsupported() }
        let key = ReportKey(
            bucket: day.start, currency: try texts.optional(rows, 2), brand: try texts.optional(rows, 3),
            account: try texts.optional(rows, 4), campaign: try texts.optional(rows, 5),
            adset: try texts.optional(rows, 6))
        var group = groups[key] ?? ReportGroup(firstDay: date, lastDay: date)
        group.dayMask += day.dayBit
        if date < group.firstDay { group.firstDay = date }
        if date > group.lastDay { group.lastDay = date }
        // spend and purchase_value as micros, the counts as they are.
        for (index, column) in ReportMetric.baseColumns.enumerated() {
            let value =
                ReportMetric.moneyColumns.contains(column) ? try micros(rows, 8 + index) : try integer(rows, 8 + index)
            try group.sums.add(value, at: index)
        }
        groups[key] = group
        return date
    }

    /// Adds one performance row to its drift group (`is_latest = 1`).
    private static func addLatest(_ rows: Statement, _ texts: ColumnTexts, date: String, to latest: inout DriftGroups)
        throws(Unsupported)
    {
        guard let account = try texts.optional(rows, 4), let fetched = try texts.optional(rows, 7),
            fetched.utf8.count >= 10
        else { throw Unsupported() }
        let key = latest.key(
            account: account, campaign: try texts.optional(rows, 5), currency: try texts.optional(rows, 2), date: date,
            fromDay: fetched.prefix(10), toDay: nil)
        let slot = latest.slot(key)
        latest.addVersion(at: slot)
        for index in ReportMetric.baseColumns.indices {
            let value = try micros(rows, 8 + index)
            guard latest.add(value ?? 0, column: index, at: slot, counted: value != nil) else { throw Unsupported() }
        }
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
    /// (the SQL then builds the table).
    private func insertDrift(_ groups: inout DriftGroups, latest: Bool, partials: DriftPartials) throws(LedgerError)
        -> Bool
    {
        if partials.hasSpilled(latest: latest) { return try partials.merge(&groups, latest: latest) }
        let insert = try connection.prepare(
            """
            INSERT INTO \(tables(DriftSummary.table))(\(DriftSummary.columns.joined(separator: ", ")))
            VALUES (\(Array(repeating: "?", count: DriftSummary.columns.count).joined(separator: ", ")))
            """)
        for group in groups.sorted() { try insert.run(Self.driftRow(group, of: groups, latest: latest)) }
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

    /// Writes one ad's report groups in key order.
    private static func flush(ad: String, groups: [ReportKey: ReportGroup], into insert: Statement)
        throws(LedgerError)
    {
        for key in groups.keys.sorted() {
            guard let group = groups[key] else { continue }
            var values: [SQLValue] = [
                .text(ad), .text(key.bucket), value(key.currency), value(key.brand), value(key.account),
                value(key.campaign), value(key.adset), .integer(group.dayMask), .text(group.firstDay),
                .text(group.lastDay),
            ]
            values += group.sums.values.map { $0.map(SQLValue.integer) ?? .null }
            try insert.run(values)
        }
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

    private static func value(_ text: String?) -> SQLValue { text.map(SQLValue.text) ?? .null }

    private static func add(_ value: Int64, to sum: inout Int64) throws(Unsupported) {
        let (result, overflow) = sum.addingReportingOverflow(value)
        if overflow { throw Unsupported() }
        sum = result
    }

    /// An INTEGER column summed as it is: NULL or an integer.
    private static func integer(_ rows: Statement, _ index: Int) throws(Unsupported) -> Int64? {
        switch rows.columnType(at: index) {
        case .null: return nil
        case .integer: return rows.int64(at: index)
        default: throw Unsupported()
        }
    }

    /// `CAST(round(x * 1000000) AS INTEGER)` of a column, as SQLite evaluates it (``Micros``).
    private static func micros(_ rows: Statement, _ index: Int) throws(Unsupported) -> Int64? {
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
