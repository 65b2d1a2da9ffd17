import Dispatch
import JSON
import Normalization

/// Builds every projection from the whole log into empty tables (a rebuild, verify, compact), giving exactly the
/// rows `Projector` gives when it replays the events one by one, faster:
///
/// - `insight.fetched` payloads are decompressed, parsed and normalized on worker threads, a batch ahead of the
///   single writer (this thread, the only one that touches the connection), which takes the results in seq order.
/// - Each insight's row is inserted in seq order with no per-row UPDATE: as its ad-day's performance row when it is
///   the ad-day's first version (into a table named apart, `latest`), else into a temp table of versions. What a
///   later version changes — the performance row is the last version, the ones before it are replaced versions
///   with their `valid_to` — is derived afterwards from the versions, set-based, for those ad-days only.
/// - Every other event goes through `Projector` in seq order, as before, while the performance table is still
///   empty; what those events do to performance rows is applied after, set-based, in a way that gives the same
///   result (see `finishPerformance()`).
///
/// What an insight's row depends on besides its payload — the account's currency and brand at that point of the
/// log, its run's attribution, the other breakdown parts of its ad-day — is read by the writer in seq order, from
/// the same tables and caches the projector uses.
final class BulkProjectionBuild {
    /// Events read per batch.
    static let batchSize = 4_096

    private let connection: Connection
    private let tables: ProjectionTables
    private let projector: Projector
    private let attributions: RunAttributions
    /// The currency of each account as `meta_ad_accounts` holds it; emptied when an account event is applied.
    private var currencies: [String: String?] = [:]
    /// Each brand link or unlink: its seq, the account, and the account's brand just after it.
    private var brandChanges: [(seq: Int64, account: String, brand: String?)] = []
    private var lastSeq: Int64 = 0
    /// The first event whose payload row is missing (the replay leaves it out, as an inner join of the two would).
    private(set) var firstMissingPayload: Int64?
    private let readsLogAside: Bool
    /// What the replay confirms of the log on its way, for verify (`LogAudit`).
    private let audit: LogAudit?
    /// The thread reading the log aside, while it runs.
    private var readerTask: BackgroundTask<Void>?
    /// Inserts a version as its ad-day's performance row into `latest`, unless the ad-day has one.
    private let latestInsert: Statement
    /// Copies an ad-day's first version from `latest` into the versions, once the ad-day has a second one.
    private let firstVersionCopy: Statement
    private let versionInsert: Statement
    private let currencyQuery: Statement

    /// Every version, in seq order, while the build runs: the history's columns but `valid_to`, keyed by seq. In the
    /// temp schema, so none of its pages end up in the ledger file.
    private static let versions = "temp.adledger_build_versions"

    /// The performance rows while the build runs, shaped like `meta_ads_performance` and named apart from it (the
    /// projector sees an empty performance table throughout the replay, as before): each ad-day's first version,
    /// inserted in seq order. An ad-day with more than one version has all of them in `versions` as well, and its
    /// row is made its last version after the replay (`writePerformance()`), which then puts the table in place of
    /// the performance table.
    private let latest: String

    /// With `readsLogAside`, the log is read on a second connection on another thread (see `replay()`); with
    /// `audit`, the replay also confirms the chain and the insights' payloads into it.
    init(connection: Connection, tables: ProjectionTables, readsLogAside: Bool = false, audit: LogAudit? = nil)
        throws(LedgerError)
    {
        self.connection = connection
        self.tables = tables
        self.readsLogAside = readsLogAside
        self.audit = audit
        projector = Projector(connection: connection, tables: tables)
        attributions = RunAttributions(connection: connection)
        let columns = PerformanceColumns.all
        latest = tables("adledger_build_latest")
        let performance = try ProjectionBuild(connection: connection, tables: tables).liveSQL(
            type: "table", name: "meta_ads_performance")
        guard let performanceSQL = performance.first?.sql else {
            throw .corrupt(path: connection.path, message: "the ledger has no meta_ads_performance table")
        }
        try connection.execute("DROP TABLE IF EXISTS \(latest)")
        try connection.execute(ProjectionDDL.rename(performanceSQL, table: "meta_ads_performance", to: latest))
        // The version's columns, then ?(n + 1) its valid_from and ?(n + 2) its seq, as `versionInsert` numbers them.
        let n = columns.count
        latestInsert = try connection.prepare(
            """
            INSERT INTO \(latest)(\(columns.joined(separator: ", ")), first_fetched_at, fetched_at, revisions,
                source_seq, vanished_at)
            VALUES (\((1...n).map { "?\($0)" }.joined(separator: ", ")), ?\(n + 1), ?\(n + 1), 1, ?\(n + 2), NULL)
            ON CONFLICT DO NOTHING
            """)
        // The replaced table's declared types, so values get the affinity they get there.
        let types = try connection.rows(
            "SELECT name, type FROM pragma_table_info(?)", [.text(HistoryView.replacedTable)]
        ).reduce(into: [String: String]()) { types, row in
            if let name = row[0].text { types[name] = row[1].text ?? "" }
        }
        try connection.execute(
            """
            DROP TABLE IF EXISTS \(Self.versions);
            CREATE TABLE \(Self.versions)(\(columns.map { "\($0) \(types[$0] ?? "")" }.joined(separator: ", ")),
                valid_from TEXT NOT NULL, seq INTEGER PRIMARY KEY)
            """)
        versionInsert = try connection.prepare(
            """
            INSERT INTO \(Self.versions)(\(columns.joined(separator: ", ")), valid_from, seq)
            VALUES (\(Array(repeating: "?", count: columns.count + 2).joined(separator: ", ")))
            """)
        firstVersionCopy = try connection.prepare(
            """
            INSERT INTO \(Self.versions)(\(columns.joined(separator: ", ")), valid_from, seq)
            SELECT \(columns.map { "l.\($0)" }.joined(separator: ", ")), l.fetched_at, l.source_seq FROM \(latest) AS l
            WHERE l.meta_ad_id = ?1 AND l.date = ?2
                AND NOT EXISTS (SELECT 1 FROM \(Self.versions) AS v WHERE v.seq = l.source_seq)
            """)
        currencyQuery = try connection.prepare("SELECT currency FROM \(tables("meta_ad_accounts")) WHERE id = ?")
    }

    /// Replays every event into the (empty) tables; returns the last seq applied.
    func project() throws(LedgerError) -> Int64 {
        defer {
            try? connection.execute("DROP TABLE IF EXISTS \(Self.versions)")
            try? connection.execute("DROP TABLE IF EXISTS \(latest)")
        }
        do {
            defer {
                // The reader has stopped (or been told to): wait for it to close its connection.
                readerTask?.wait()
                readerTask = nil
            }
            try replay()
        }
        try finishPerformance()
        return lastSeq
    }

    // MARK: the replay

    /// Reads the log in batches; decodes each batch's insights on workers while the writer applies the previous one.
    ///
    /// With `readsLogAside`, the log is read on a thread of its own, on a read-only connection of its own, up to the
    /// tip this connection sees (a rebuild holds the write lock, so no event can follow; verify reads one snapshot
    /// and the log only grows): stepping the join of the log and its payloads leaves the writer. When no second
    /// connection can be opened, the writer reads as well.
    private func replay() throws(LedgerError) {
        if readsLogAside, let channel = try startReaderAside() {
            defer { channel.close() }
            while let message = channel.receive() {
                guard let batch = try message.get() else { return }
                try apply(batch)
            }
            return
        }
        let reader = try LogBatchReader(
            connection: connection, through: nil, batchSize: Self.batchSize, audits: audit != nil)
        var pending: LogBatch?
        while true {
            let next = try reader.next()
            if let pending { try apply(pending) }
            guard let next else { break }
            pending = next
        }
    }

    /// Starts reading the log on another thread and connection, two batches ahead of the writer; nil when no
    /// read-only connection to the ledger can be opened. The thread sends each batch, then nil (or the error that
    /// stopped it), and stops early when the writer closes the channel.
    private func startReaderAside() throws(LedgerError) -> BatchChannel<Result<LogBatch?, LedgerError>>? {
        let path = connection.path
        // Whether a second connection opens at all (else the writer reads); the thread opens its own.
        guard (try? Connection(path: path, mode: .readOnly)) != nil else { return nil }
        let tip = try connection.scalar("SELECT max(seq) FROM event_log")?.integer ?? 0
        let channel = BatchChannel<Result<LogBatch?, LedgerError>>(capacity: 2)
        let batchSize = Self.batchSize
        let audits = audit != nil
        readerTask = BackgroundTask(label: "adledger.bulk-build-reader", placeholder: ()) {
            let outcome = Result { () throws(LedgerError) in
                let aside = try Connection(path: path, mode: .readOnly)
                try aside.execute("PRAGMA cache_size = -\(WidePageCache.logReaderKibibytes)")
                try aside.readSnapshot { () throws(LedgerError) in
                    let reader = try LogBatchReader(
                        connection: aside, through: tip, batchSize: batchSize, audits: audits)
                    while let batch = try reader.next() {
                        guard channel.send(.success(batch)) else { return }
                    }
                }
            }
            switch outcome {
            case .success: _ = channel.send(.success(nil))
            case .failure(let error): _ = channel.send(.failure(error))
            }
        }
        return channel
    }

    /// Applies one batch once its workers are done, after confirming what it shows of the log (so a batch that
    /// stops the replay still counts).
    private func apply(_ batch: LogBatch) throws(LedgerError) {
        firstMissingPayload = firstMissingPayload ?? batch.firstMissingPayload
        batch.group.wait()
        if let confirmed = batch.audit { audit?.take(confirmed) }
        try apply(batch.entries, decoded: batch.decoded)
    }

    /// Applies one batch's events in seq order.
    private func apply(_ entries: [BulkBuildEntry], decoded: ConcurrentBatch<RawInsightEvent, DecodedInsight>)
        throws(LedgerError)
    {
        for entry in entries {
            switch entry {
            case .insight(let slot, let seq, let recordedAt):
                switch decoded[slot] {
                case .skipped: break
                case .failed(let error): throw error
                case .row(let row): try write(row, seq: seq, recordedAt: recordedAt)
                }
                lastSeq = max(lastSeq, seq)
            case .event(let result, let seq, let deferred):
                let event = try result.get()
                if !deferred { try apply(event) }
                lastSeq = max(lastSeq, seq)
            }
        }
    }

    /// A non-insight event, through the projector, noting what the bulk path must know of it.
    private func apply(_ event: StoredEvent) throws(LedgerError) {
        try projector.apply(event)
        switch event.kind {
        case .accountFetched:
            currencies.removeAll(keepingCapacity: true)
        case .syncStarted:
            attributions.record(event)
        case .brandAccountLinked, .brandAccountUnlinked:
            // The projector refreshed the brand of this account's rows; the performance rows do not exist yet.
            guard let account = event.payload["meta_ad_account_id"]?.scalarText else { return }
            brandChanges.append((event.seq, account, try projector.brand(ofAccount: account)))
        default:
            break
        }
    }

    /// One insight's version row, with the account's currency and brand and the run's attribution as of now: its
    /// ad-day's performance row when it is the first, else one more version of the ad-day.
    private func write(_ decoded: DecodedInsightRow, seq: Int64, recordedAt: String) throws(LedgerError) {
        let account = decoded.account
        let currency = try currency(ofAccount: account)
        let attribution = try attributions.setting(runId: decoded.runId)
        let brand = try projector.brand(ofAccount: account)
        let total =
            try decoded.part.map { part throws(LedgerError) in
                try projector.combinedParts(
                    adId: decoded.adId, date: decoded.date, part: part, seq: seq, accountCurrency: currency,
                    attribution: attribution)
            }
        for statement in [latestInsert, versionInsert] {
            if let total {
                try statement.bind(PerformanceColumns.values(of: total, accountId: account, brandId: brand))
            } else {
                // The worker's values as they are, then the writer's over them: no copy of the row.
                try statement.bind(decoded.values)
                try statement.bind(brand.map(SQLValue.text) ?? .null, at: Int32(PerformanceColumns.brandIndex + 1))
                if decoded.currencyMissing {
                    try statement.bind(
                        currency.map(SQLValue.text) ?? .null, at: Int32(PerformanceColumns.currencyIndex + 1))
                }
                try statement.bind(
                    attribution.map(SQLValue.text) ?? .null, at: Int32(PerformanceColumns.attributionIndex + 1))
            }
            let count = Int32(PerformanceColumns.all.count)
            try statement.bind(.text(recordedAt), at: count + 1)
            try statement.bind(.integer(seq), at: count + 2)
            while try statement.step() {}
            // A new ad-day: its row is in. Else the ad-day's versions, its first one included, go to `versions`.
            if statement === latestInsert {
                guard connection.changes == 0 else { return }
                try firstVersionCopy.run([.text(decoded.adId), .text(decoded.date)])
            }
        }
    }

    private func currency(ofAccount account: String) throws(LedgerError) -> String? {
        if let cached = currencies[account] { return cached }
        try currencyQuery.bind([.text(account)])
        let currency = try currencyQuery.step() ? currencyQuery.text(at: 0) : nil
        currencyQuery.reset()
        currencies[account] = .some(currency)
        return currency
    }

    // MARK: after the replay

    /// Derives the performance rows and the replaced versions from the versions, then applies what the other events
    /// did to performance rows and mappings. Each step gives what the one-by-one replay gives:
    ///
    /// - A performance row is its ad-day's last version, first fetched at its first, revised once per version.
    /// - Its brand is the account's brand at its last version (the version row's), unless a brand link or unlink
    ///   of the account came after that version: then the last such change's (each refreshes the account's rows),
    ///   and `version_brand_id` keeps the version's (``HistoryView``), as each refresh leaves it.
    /// - A vanish or coverage event changes only rows whose `source_seq` is below its own, so replaying them in seq
    ///   order over the final rows changes exactly the rows they changed, and what an upsert undid stays undone.
    /// - A mapped ad's campaign is its latest day's, set whenever the ad's rows or the link change; the rows end as
    ///   they end here.
    /// - `ad_status`, `is_video` and `campaign_objective` are set from the object tables whenever a row or an
    ///   object it reads changes, so they end as the final tables give.
    private func finishPerformance() throws(LedgerError) {
        try writePerformance()
        let brand = try connection.prepare(
            """
            UPDATE \(tables("meta_ads_performance")) SET brand_id = ?1,
                version_brand_id = \(HistoryView.versionBrand(afterChangeTo: "?1"))
            WHERE meta_ad_account_id = ?2 AND source_seq < ?3 AND brand_id IS NOT ?1
            """)
        for change in brandChanges {
            try brand.run([change.brand.map(SQLValue.text) ?? .null, .text(change.account), .integer(change.seq)])
        }
        try EventReader(connection: connection).forEach(kinds: [.insightVanished, .syncChunkCompleted]) {
            (event: StoredEvent) throws(LedgerError) in try projector.apply(event)
        }
        try connection.execute(
            """
            UPDATE \(tables("meta_ad_mapping")) AS m SET meta_campaign_id = (
                SELECT p.meta_campaign_id FROM \(tables("meta_ads_performance")) p WHERE p.meta_ad_id = m.meta_ad_id
                ORDER BY p.date DESC LIMIT 1)
            WHERE meta_campaign_id IS NOT (
                SELECT p.meta_campaign_id FROM \(tables("meta_ads_performance")) p WHERE p.meta_ad_id = m.meta_ad_id
                ORDER BY p.date DESC LIMIT 1)
            """)
        // Rows with no ad and no campaign object keep NULL, which the refresh would set.
        try ObjectProjections(connection: connection, tables: tables).refreshPerformance(
            where: """
                p.meta_ad_id IN (SELECT meta_ad_id FROM \(tables("meta_ads")))
                OR p.meta_campaign_id IN (SELECT meta_campaign_id FROM \(tables("meta_campaigns")))
                """, [])
    }

    /// Makes each ad-day's row in `latest` its last version and writes each superseded version as a replaced
    /// version, set-based over the versions of the ad-days that have more than one; then puts `latest` in place of
    /// the (empty) performance table: renamed for a fresh or temp build, copied into the live table (which keeps its
    /// triggers) in its own order. Either way the rows are in the order their ad-days first appear in the log, the
    /// order the live path appends them in (so, e.g., a floating-point `sum` over them adds in the same order).
    ///
    /// - An ad-day's row is its last version, `first_fetched_at` its first version's `valid_from`, `fetched_at` its
    ///   last's, `revisions` its count of versions, `source_seq` its last version's seq.
    /// - A version's `valid_to` is the `valid_from` of its ad-day's next version; the last one is the performance
    ///   row. When no ad-day has a second version, none is written.
    private func writePerformance() throws(LedgerError) {
        let versions = Self.versions
        let columns = PerformanceColumns.all
        if try connection.scalar("SELECT count(*) FROM \(versions)")?.integer ?? 0 > 0 {
            try connection.execute(
                """
                UPDATE \(latest) AS l SET \(columns.map { "\($0) = h.\($0)" }.joined(separator: ", ")),
                    fetched_at = h.valid_from, revisions = d.revisions, source_seq = h.seq
                FROM (
                    SELECT max(seq) AS last_seq, count(*) AS revisions FROM \(versions) GROUP BY meta_ad_id, date
                ) AS d CROSS JOIN \(versions) AS h ON h.seq = d.last_seq
                WHERE l.meta_ad_id = h.meta_ad_id AND l.date = h.date
                """)
            try connection.execute(
                """
                INSERT INTO \(tables(HistoryView.replacedTable))(\(columns.joined(separator: ", ")), valid_from,
                    valid_to, seq)
                SELECT \(columns.map { "h.\($0)" }.joined(separator: ", ")), h.valid_from, v.valid_to, h.seq
                FROM (
                    SELECT seq, lead(valid_from) OVER (PARTITION BY meta_ad_id, date ORDER BY seq) AS valid_to
                    FROM \(versions)
                ) AS v CROSS JOIN \(versions) AS h ON h.seq = v.seq
                WHERE v.valid_to IS NOT NULL
                ORDER BY h.seq
                """)
        }
        let performance = tables("meta_ads_performance")
        if tables.prefix == ProjectionTables.live.prefix {
            let all = try connection.rows("SELECT name FROM pragma_table_info(?)", [.text("meta_ads_performance")])
                .compactMap { $0[0].text }.joined(separator: ", ")
            try connection.execute(
                "INSERT INTO \(performance)(\(all)) SELECT \(all) FROM \(latest) ORDER BY rowid")
            try connection.execute("DROP TABLE \(latest)")
        } else {
            try connection.execute("DROP TABLE \(performance)")
            try connection.execute("PRAGMA legacy_alter_table = ON")
            defer { try? connection.execute("PRAGMA legacy_alter_table = OFF") }
            try connection.execute("ALTER TABLE \(latest) RENAME TO \(tables.bareName("meta_ads_performance"))")
        }
    }
}

@available(*, unavailable)
extension BulkProjectionBuild: Sendable {}
