/// Keeps the report summaries (`report_ad_buckets`, ``ReportSummary``; `drift_segments`, ``DriftSummary``) up to
/// date for a batch of insight appends set-based, instead of through schema 8's and 9's per-row triggers.
///
/// While a batch is open the connection's triggers are off (`SQLITE_DBCONFIG_ENABLE_TRIGGER`; only this
/// connection, only until ``finish()`` or ``cancel()``, and the batch never outlives its write transaction). Every
/// ad-day the batch writes is recorded once in a temp table; one that had a row before the batch first has its
/// contribution to `drift_segments` taken out (the values the row and its replaced versions held then), before it
/// is changed. ``finish()`` then recomputes each touched ad's buckets from its at most 7 rows and adds the touched
/// ad-days' contributions as they are now. Both summaries are sums over ad-days of exact integers, so the result is
/// the same rows the triggers (and a rebuild) give, whatever the batch did in between.
final class SummaryBatch {
    private let connection: Connection
    private let tables: ProjectionTables
    private var touch: Statement?
    private var subtract: Statement?
    private var dropEmpty: Statement?
    private var created = false
    /// Whether a batch is open (triggers off).
    private(set) var isOpen = false

    /// The temp table of the ad-days the open batch wrote.
    private static let touched = "temp.adledger_touched_ad_days"

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
        isOpen = true
    }

    /// Records that the ad-day is about to be written; `existed`: it had a performance row before this write.
    /// The first time a batch meets an ad-day that had a row before the batch, its current contribution to
    /// `drift_segments` is taken out (call before the row or its history changes).
    func willWrite(adId: String, date: String, existed: Bool) throws(LedgerError) {
        let touch = try prepared(&touch, "INSERT OR IGNORE INTO \(Self.touched)(meta_ad_id, date) VALUES (?, ?)")
        try touch.run([.text(adId), .text(date)])
        guard existed, connection.changes > 0 else { return }
        let source = "(SELECT ?1 AS meta_ad_id, ?2 AS date)"
        try prepared(&subtract, subtractSQL(source: source)).run([.text(adId), .text(date)])
        try prepared(&dropEmpty, dropEmptySQL).run([.text(adId), .text(date)])
    }

    /// Adds the touched ad-days' contributions as they are now, turns triggers back on and closes the batch.
    func finish() throws(LedgerError) {
        guard isOpen else { return }
        defer { cancel() }
        try connection.execute(bucketsSQL)
        try connection.execute(addSQL(source: Self.touched))
        try connection.execute("DELETE FROM \(Self.touched)")
    }

    /// Turns triggers back on without adding anything (the transaction is being rolled back).
    func cancel() {
        guard isOpen else { return }
        connection.setTriggersEnabled(true)
        isOpen = false
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
