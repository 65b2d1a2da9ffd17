/// Keeps the report summaries (`report_ad_buckets`, ``ReportSummary``; `drift_segments`, ``DriftSummary``) up to
/// date for a batch of insight appends set-based, instead of through schema 8's and 9's per-row triggers.
///
/// While a batch is open the connection's triggers are off (`SQLITE_DBCONFIG_ENABLE_TRIGGER`; only this
/// connection, only until ``finish()`` or ``cancel()``, and the batch never outlives its write transaction).
///
/// A new ad-day (no row before the batch) written once is summed in Swift (``AdDayContribution``): ``finish()``
/// adds each summary row's total of them as schema 8's and 9's insert triggers add one row, with no read of the
/// performance table and no sort. Every other ad-day the batch writes (one that had a row before, one written
/// again, one whose values Swift cannot sum exactly) is recorded once in a temp table; one that had a row before the
/// batch first has its contribution to `drift_segments` taken out (the values the row and its replaced versions held
/// then), before it is changed. ``finish()`` then recomputes those ad-days' buckets from their at most 7 rows
/// (after the Swift sums, which a recomputed bucket replaces) and adds their contributions as they are now. Both
/// summaries are sums over ad-days of exact integers, so the result is the same rows the triggers (and a rebuild)
/// give, whatever the batch did in between.
final class SummaryBatch {
    private let connection: Connection
    private let tables: ProjectionTables
    private var touch: Statement?
    private var subtract: Statement?
    private var dropEmpty: Statement?
    private var addBucket: Statement?
    private var startBucket: Statement?
    private var addDrift: Statement?
    private var created = false
    /// Whether a batch is open (triggers off).
    private(set) var isOpen = false
    /// The open batch's new ad-days written once, summed in Swift at ``finish()``.
    private var fresh: [AdDay: AdDayContribution] = [:]
    /// Whether the open batch recorded an ad-day in the temp table.
    private var touchedAny = false

    /// The temp table of the ad-days the open batch wrote.
    private static let touched = "temp.adledger_touched_ad_days"

    /// An ad and date.
    private struct AdDay: Hashable {
        let adId: String
        let date: String
    }

    init(connection: Connection, tables: ProjectionTables) {
        self.connection = connection
        self.tables = tables
    }

    /// Opens a batch: turns this connection's triggers off. Call inside a write transaction.
    func begin() throws(LedgerError) {
        if !created {
            try connection.execute(
                """
                CREATE TEMP TABLE IF NOT EXISTS adledger_touched_ad_days(meta_ad_id TEXT NOT NULL, date TEXT NOT NULL,
                    PRIMARY KEY(meta_ad_id, date)) WITHOUT ROWID
                """)
            created = true
        }
        try connection.execute("DELETE FROM \(Self.touched)")
        connection.setTriggersEnabled(false)
        fresh.removeAll(keepingCapacity: true)
        touchedAny = false
        isOpen = true
    }

    /// Records that the ad-day is about to be written; `existed`: it had a performance row before this write.
    /// A new ad-day is summed in Swift when `contribution` (of its inserted row) can be computed; an ad-day written
    /// before in the batch, or one whose contribution cannot, goes to the temp table. The first time a batch meets
    /// an ad-day that had a row before the batch, its current contribution to `drift_segments` is taken out (call
    /// before the row or its history changes).
    func willWrite(adId: String, date: String, existed: Bool, contribution: @autoclosure () -> AdDayContribution?)
        throws(LedgerError)
    {
        let adDay = AdDay(adId: adId, date: date)
        if !existed, let contribution = contribution() {
            fresh[adDay] = contribution
            return
        }
        // A new ad-day of this batch written again: it had no row before the batch, so nothing to take out.
        let newInBatch = existed && fresh.removeValue(forKey: adDay) != nil
        try markTouched(adDay)
        guard existed, !newInBatch, connection.changes > 0 else { return }
        let source = "(SELECT ?1 AS meta_ad_id, ?2 AS date)"
        try prepared(&subtract, subtractSQL(source: source)).run([.text(adId), .text(date)])
        try prepared(&dropEmpty, dropEmptySQL).run([.text(adId), .text(date)])
    }

    /// Records an ad-day in the temp table, for ``finish()`` to sum in SQL (`changes` then says whether it is new).
    private func markTouched(_ adDay: AdDay) throws(LedgerError) {
        let statement = try prepared(&touch, "INSERT OR IGNORE INTO \(Self.touched)(meta_ad_id, date) VALUES (?, ?)")
        try statement.run([.text(adDay.adId), .text(adDay.date)])
        touchedAny = true
    }

    /// Adds the new ad-days' sums and the touched ad-days' contributions as they are now, turns triggers back on
    /// and closes the batch.
    func finish() throws(LedgerError) {
        guard isOpen else { return }
        defer { cancel() }
        try addFresh()
        guard touchedAny else { return }
        try connection.execute(bucketsSQL)
        try connection.execute(addSQL(source: Self.touched))
        try connection.execute("DELETE FROM \(Self.touched)")
    }

    /// Turns triggers back on without adding anything (the transaction is being rolled back).
    func cancel() {
        guard isOpen else { return }
        connection.setTriggersEnabled(true)
        fresh.removeAll(keepingCapacity: true)
        isOpen = false
    }

    // MARK: new ad-days summed in Swift

    /// Adds the new ad-days' sums, in key order: per bucket row as schema 8's insert trigger adds one row (update
    /// the row of the same ad, bucket and attributes, else start one), per drift row as ``addSQL(source:)`` adds
    /// (an upsert). When a sum passes 64 bits, every new ad-day goes to the temp table instead, for SQLite to sum
    /// as the triggers would (its integer arithmetic, and its errors, are then the triggers').
    private func addFresh() throws(LedgerError) {
        guard !fresh.isEmpty else { return }
        var buckets: [AdDayContribution.BucketKey: BucketSums] = [:]
        var drift: [AdDayContribution.DriftKey: DriftSums] = [:]
        var exact = true
        for contribution in fresh.values where exact {
            exact =
                buckets[contribution.bucket, default: BucketSums()].add(contribution)
                && drift[contribution.drift, default: DriftSums()].add(contribution)
        }
        guard exact else {
            for adDay in fresh.keys { try markTouched(adDay) }
            fresh.removeAll(keepingCapacity: true)
            return
        }
        // Summed: the thousands of contributions are freed beside the writer, not by it.
        var spent = Dictionary<AdDay, AdDayContribution>(minimumCapacity: fresh.capacity)
        swap(&spent, &fresh)
        Disposal.release(consume spent)
        let add = try prepared(&addBucket, addBucketSQL)
        let start = try prepared(&startBucket, startBucketSQL)
        for (key, sums) in buckets.sorted(by: { $0.key < $1.key }) {
            let parameters = Self.keyValues(key) + sums.values
            try add.run(staging: parameters)
            if connection.changes == 0 { try start.run(staging: parameters) }
        }
        let upsert = try prepared(&addDrift, addDriftSQL)
        for (key, sums) in drift.sorted(by: { $0.key < $1.key }) {
            var parameters: [SQLValue] = [
                .integer(1), .text(key.account), Self.text(key.campaign), Self.text(key.currency), .text(key.date),
                .text(key.fromDay), .null, .integer(sums.versions),
            ]
            for (micros, count) in zip(sums.micros, sums.counts) { parameters += [.integer(micros), .integer(count)] }
            try upsert.run(staging: parameters)
        }
    }

    private static func text(_ value: String?) -> SQLValue { value.map(SQLValue.text) ?? .null }

    /// `meta_ad_id` … `meta_adset_id` of a bucket row.
    private static func keyValues(_ key: AdDayContribution.BucketKey) -> [SQLValue] {
        [
            .text(key.adId), .text(key.bucket), text(key.currency), text(key.brand), .text(key.account),
            text(key.campaign), text(key.adset),
        ]
    }

    /// One bucket row's sums of new ad-days: what ``ReportSummary/sums(of:)`` gives over only those rows.
    private struct BucketSums {
        var mask: Int64 = 0
        var first: String?
        var last: String?
        var sums: [Int64?] = Array(repeating: nil, count: ReportMetric.baseColumns.count)

        /// Adds one new ad-day; false when a sum passes 64 bits.
        mutating func add(_ contribution: AdDayContribution) -> Bool {
            mask |= contribution.dayBit
            first = first.map { min($0, contribution.date) } ?? contribution.date
            last = last.map { max($0, contribution.date) } ?? contribution.date
            for (index, value) in contribution.bucketValues.enumerated() {
                guard let value else { continue }
                let (sum, overflow) = (sums[index] ?? 0).addingReportingOverflow(value)
                if overflow { return false }
                sums[index] = sum
            }
            return true
        }

        /// `day_mask` … `video_views`.
        var values: [SQLValue] {
            [.integer(mask), first.map(SQLValue.text) ?? .null, last.map(SQLValue.text) ?? .null]
                + sums.map { $0.map(SQLValue.integer) ?? .null }
        }
    }

    /// One drift row's sums of new ad-days' latest values (``DriftSummary/rows(performance:history:adDays:)``).
    private struct DriftSums {
        var versions: Int64 = 0
        var micros: [Int64] = Array(repeating: 0, count: ReportMetric.baseColumns.count)
        var counts: [Int64] = Array(repeating: 0, count: ReportMetric.baseColumns.count)

        /// Adds one new ad-day's latest values; false when a sum passes 64 bits.
        mutating func add(_ contribution: AdDayContribution) -> Bool {
            versions += 1
            for (index, value) in contribution.micros.enumerated() {
                guard let value else { continue }
                let (sum, overflow) = micros[index].addingReportingOverflow(value)
                if overflow { return false }
                micros[index] = sum
                counts[index] += 1
            }
            return true
        }
    }

    /// Adds parameters ?8 … ?18 (`day_mask` … `video_views`) to the bucket row keyed by ?1 … ?7, as schema 8's insert
    /// trigger adds one row (a NULL sum stays out).
    private var addBucketSQL: String {
        let sums = [
            "spend_micros", "impressions", "clicks", "link_clicks", "purchases", "purchase_value_micros", "add_to_carts",
            "video_views",
        ]
        let sets = sums.enumerated().map { offset, column in
            let value = "?\(11 + offset)"
            return "\(column) = CASE WHEN \(value) IS NULL THEN \(column) WHEN \(column) IS NULL THEN \(value) "
                + "ELSE \(column) + \(value) END"
        }
        return """
            UPDATE \(tables(ReportSummary.table)) SET day_mask = day_mask | ?8, first_day = min(first_day, ?9),
                last_day = max(last_day, ?10), \(sets.joined(separator: ", "))
            WHERE meta_ad_id = ?1 AND bucket = ?2 AND currency IS ?3 AND brand_id IS ?4 AND meta_ad_account_id IS ?5
                AND meta_campaign_id IS ?6 AND meta_adset_id IS ?7
            """
    }

    /// Starts a bucket row (none of the same ad, bucket and attributes yet) from parameters ?1 … ?18.
    private var startBucketSQL: String {
        "INSERT INTO \(tables(ReportSummary.table))(\(ReportSummary.columns)) VALUES ("
            + (1...18).map { "?\($0)" }.joined(separator: ", ") + ")"
    }

    /// Adds one drift row's sums, given in ``DriftSummary/columns`` order (a new key starts a row).
    private var addDriftSQL: String {
        let columns = DriftSummary.columns
        let sets = Self.valueColumns.map { "\($0) = \($0) + excluded.\($0)" }
        return """
            INSERT INTO \(tables(DriftSummary.table))(\(columns.joined(separator: ", ")))
            VALUES (\(columns.indices.map { "?\($0 + 1)" }.joined(separator: ", ")))
            ON CONFLICT(is_latest, meta_ad_account_id, ifnull(meta_campaign_id, x''), ifnull(currency, x''), date,
                from_day, ifnull(to_day, x''))
            DO UPDATE SET \(sets.joined(separator: ", "))
            """
    }

    // MARK: statements

    private func prepared(_ slot: inout Statement?, _ sql: @autoclosure () -> String) throws(LedgerError) -> Statement {
        if let slot { return slot }
        let statement = try connection.prepare(sql())
        slot = statement
        return statement
    }

    /// The drift rows of the ad-days `source` names (a table or subquery with `meta_ad_id` and `date`), as
    /// ``DriftSummary/rows(performance:history:adDays:)`` computes them for every ad-day.
    private func contributionSQL(source: String) -> String {
        DriftSummary.rows(
            performance: tables("meta_ads_performance"), history: tables(HistoryView.replacedTable), adDays: source
        ).joined(separator: "\nUNION ALL\n")
    }

    /// The summary's value columns (everything after the key), which contributions add to and subtract from.
    private static var valueColumns: [String] { Array(DriftSummary.columns.dropFirst(7)) }

    /// Adds the contributions of `source`'s ad-days (a new key starts a row).
    private func addSQL(source: String) -> String {
        let columns = DriftSummary.columns
        let sets = Self.valueColumns.map { "\($0) = \($0) + excluded.\($0)" }
        return """
            INSERT INTO \(tables(DriftSummary.table))(\(columns.joined(separator: ", ")))
            SELECT \(columns.joined(separator: ", ")) FROM (\(contributionSQL(source: source))) WHERE true
            ON CONFLICT(is_latest, meta_ad_account_id, ifnull(meta_campaign_id, x''), ifnull(currency, x''), date,
                from_day, ifnull(to_day, x''))
            DO UPDATE SET \(sets.joined(separator: ", "))
            """
    }

    /// Takes the contributions of `source`'s ad-days out of the rows they were added to.
    private func subtractSQL(source: String) -> String {
        let sets = Self.valueColumns.map { "\($0) = d.\($0) - c.\($0)" }
        return """
            UPDATE \(tables(DriftSummary.table)) AS d SET \(sets.joined(separator: ", "))
            FROM (\(contributionSQL(source: source))) AS c
            WHERE d.is_latest = c.is_latest AND d.meta_ad_account_id = c.meta_ad_account_id
                AND ifnull(d.meta_campaign_id, x'') = ifnull(c.meta_campaign_id, x'')
                AND ifnull(d.currency, x'') = ifnull(c.currency, x'') AND d.date = c.date AND d.from_day = c.from_day
                AND ifnull(d.to_day, x'') = ifnull(c.to_day, x'')
            """
    }

    /// Deletes the rows of the ad-day's account, campaign, currency and date that hold no version any more (as the
    /// triggers do, and as a rebuild never makes).
    private var dropEmptySQL: String {
        """
        DELETE FROM \(tables(DriftSummary.table)) AS d
        WHERE d.is_latest IN (0, 1) AND d.versions = 0 AND EXISTS (SELECT 1 FROM \(tables("meta_ads_performance")) p
            WHERE p.meta_ad_id = ?1 AND p.date = ?2 AND d.meta_ad_account_id = p.meta_ad_account_id
                AND ifnull(d.meta_campaign_id, x'') = ifnull(p.meta_campaign_id, x'')
                AND ifnull(d.currency, x'') = ifnull(p.currency, x'') AND d.date = p.date)
        """
    }

    /// Recomputes the buckets of the touched ad-days from the performance rows, as ``ReportSummary/rebuild()``
    /// computes every bucket.
    private var bucketsSQL: String {
        let buckets = tables(ReportSummary.table)
        let touchedBuckets =
            "SELECT DISTINCT meta_ad_id, \(ReportSummary.bucket("date")) AS bucket FROM \(Self.touched)"
        return """
            DELETE FROM \(buckets) WHERE rowid IN (SELECT b.rowid FROM (\(touchedBuckets)) t
                JOIN \(buckets) b ON b.meta_ad_id = t.meta_ad_id AND b.bucket = t.bucket);
            INSERT INTO \(buckets)(\(ReportSummary.columns))
            SELECT p.meta_ad_id, t.bucket, p.currency, p.brand_id, p.meta_ad_account_id, p.meta_campaign_id,
                p.meta_adset_id, \(ReportSummary.sums(of: "p."))
            FROM (\(touchedBuckets)) t JOIN \(tables("meta_ads_performance")) p
                ON p.meta_ad_id = t.meta_ad_id AND p.date >= t.bucket AND p.date <= date(t.bucket, '+6 days')
            WHERE \(ReportSummary.bucket("p.date")) = t.bucket
            GROUP BY p.meta_ad_id, t.bucket, p.currency, p.brand_id, p.meta_ad_account_id, p.meta_campaign_id,
                p.meta_adset_id;
            """
    }
}

@available(*, unavailable)
extension SummaryBatch: Sendable {}
