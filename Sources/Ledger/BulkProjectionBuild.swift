import Dispatch
import JSON
import Normalization

/// Builds every projection from the whole log into empty tables (a rebuild, verify, compact), giving exactly the
/// rows `Projector` gives when it replays the events one by one, faster:
///
/// - `insight.fetched` payloads are decompressed, parsed and normalized on worker threads, a batch ahead of the
///   single writer (this thread, the only one that touches the connection), which takes the results in seq order.
/// - Each insight becomes one version row in a temp table, inserted in seq order (its key order) with no per-row
///   UPDATE: the performance rows (each ad-day's last version) and the replaced versions with their `valid_to` are
///   derived afterwards from those rows, set-based, the performance rows in (ad, date) order, their key order.
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
    private let versionInsert: Statement
    private let currencyQuery: Statement

    /// Every version, in seq order, while the build runs: the history's columns but `valid_to`, keyed by seq. In the
    /// temp schema, so none of its pages end up in the ledger file.
    private static let versions = "temp.adledger_build_versions"

    init(connection: Connection, tables: ProjectionTables) throws(LedgerError) {
        self.connection = connection
        self.tables = tables
        projector = Projector(connection: connection, tables: tables)
        attributions = RunAttributions(connection: connection)
        let columns = PerformanceColumns.all
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
        currencyQuery = try connection.prepare("SELECT currency FROM \(tables("meta_ad_accounts")) WHERE id = ?")
    }

    /// Replays every event into the (empty) tables; returns the last seq applied.
    func project() throws(LedgerError) -> Int64 {
        defer { try? connection.execute("DROP TABLE IF EXISTS \(Self.versions)") }
        try replay()
        try finishPerformance()
        return lastSeq
    }

    // MARK: the replay

    /// Reads the log in batches; decodes each batch's insights on workers while the writer applies the previous one.
    private func replay() throws(LedgerError) {
        let statement = try connection.prepare(
            """
            SELECT e.seq, e.kind, e.stream, e.version, e.recorded_at, e.schema_version, e.payload_hash, e.meta,
                   p.encoding, p.dictionary_id, p.body
            FROM events e JOIN payloads p ON p.hash = e.payload_hash ORDER BY e.seq
            """)
        let payloads = try PayloadDecoder(connection: connection)
        let decoder = try InsightDecoder(connection: connection)
        let queue = DispatchQueue(label: "adledger.bulk-build", qos: .userInitiated)
        var pending: (entries: [BulkBuildEntry], batch: ConcurrentBatch<RawInsightEvent, DecodedInsight>, group: DispatchGroup)?
        // A statement stepped again after its last row starts over: stop at the first short batch.
        var exhausted = false
        while true {
            let (entries, raw) = exhausted ? ([], []) : try readBatch(statement, payloads: payloads)
            exhausted = entries.count < Self.batchSize
            var next: (entries: [BulkBuildEntry], batch: ConcurrentBatch<RawInsightEvent, DecodedInsight>, group: DispatchGroup)?
            if !entries.isEmpty {
                let batch = ConcurrentBatch(raw, placeholder: DecodedInsight.skipped)
                let group = DispatchGroup()
                queue.async(group: group) {
                    batch.run { events in
                        switch Result(catching: { () throws(LedgerError) in try ZstdContext() }) {
                        case .success(let context):
                            var runIds = RunIdReader()
                            return events.map { decoder.decode($0, context: context, runIds: &runIds) }
                        case .failure(let error): return events.map { _ in .failed(error) }
                        }
                    }
                }
                next = (entries, batch, group)
            }
            if let pending {
                pending.group.wait()
                try apply(pending.entries, decoded: pending.batch)
            }
            guard let next else { break }
            pending = next
        }
    }

    /// Up to `batchSize` events: insights as raw events for the workers, every other event read here.
    private func readBatch(_ statement: Statement, payloads: PayloadDecoder) throws(LedgerError)
        -> ([BulkBuildEntry], [RawInsightEvent])
    {
        var entries: [BulkBuildEntry] = []
        var raw: [RawInsightEvent] = []
        entries.reserveCapacity(Self.batchSize)
        while entries.count < Self.batchSize, try statement.step() {
            guard case .integer(let seq) = statement.value(at: 0) else {
                throw .corrupt(path: connection.path, message: "an event has no seq")
            }
            let kind = statement.text(at: 1).flatMap(EventKind.init(rawValue:))
            if kind == .insightFetched, case .blob(let body) = statement.value(at: 10) {
                entries.append(.insight(slot: raw.count, seq: seq, recordedAt: statement.text(at: 4) ?? ""))
                raw.append(
                    RawInsightEvent(
                        seq: seq, stream: statement.text(at: 2) ?? "",
                        schemaVersion: Int(statement.value(at: 5).integer ?? 1), meta: statement.text(at: 7),
                        encoding: statement.text(at: 8), dictionaryId: statement.value(at: 9).integer, body: body))
                continue
            }
            // Anything else, and an event the reader rejects, is read as `EventReader` reads it (errors included).
            let event: Result<StoredEvent, LedgerError>
            do {
                event = .success(try EventReader.decode(statement, decoder: payloads, path: connection.path))
            } catch {
                event = .failure(error)
            }
            entries.append(
                .event(event, seq: seq, deferred: kind == .insightVanished || kind == .syncChunkCompleted))
        }
        return (entries, raw)
    }

    /// Applies one batch in seq order.
    private func apply(_ entries: [BulkBuildEntry], decoded: ConcurrentBatch<RawInsightEvent, DecodedInsight>) throws(LedgerError) {
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

    /// One insight's version row, with the account's currency and brand and the run's attribution as of now.
    private func write(_ decoded: DecodedInsightRow, seq: Int64, recordedAt: String) throws(LedgerError) {
        let account = decoded.account
        let currency = try currency(ofAccount: account)
        let attribution = try attributions.setting(runId: decoded.runId)
        let brand = try projector.brand(ofAccount: account)
        if let part = decoded.part {
            let total = try projector.combinedParts(
                adId: decoded.adId, date: decoded.date, part: part, seq: seq, accountCurrency: currency,
                attribution: attribution)
            try versionInsert.bind(PerformanceColumns.values(of: total, accountId: account, brandId: brand))
        } else {
            // The worker's values as they are, then the writer's over them: no copy of the row.
            try versionInsert.bind(decoded.values)
            try versionInsert.bind(brand.map(SQLValue.text) ?? .null, at: Int32(PerformanceColumns.brandIndex + 1))
            if decoded.currencyMissing {
                try versionInsert.bind(
                    currency.map(SQLValue.text) ?? .null, at: Int32(PerformanceColumns.currencyIndex + 1))
            }
            try versionInsert.bind(
                attribution.map(SQLValue.text) ?? .null, at: Int32(PerformanceColumns.attributionIndex + 1))
        }
        let count = Int32(PerformanceColumns.all.count)
        try versionInsert.bind(.text(recordedAt), at: count + 1)
        try versionInsert.bind(.integer(seq), at: count + 2)
        while try versionInsert.step() {}
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

    /// Writes each ad-day's last version as its performance row, in (ad, date) order, then each superseded version
    /// as a replaced version: set-based statements over the versions instead of one per row.
    ///
    /// - An ad-day's row is its last version, `first_fetched_at` its first version's `valid_from`, `fetched_at` its
    ///   last's, `revisions` its count of versions, `source_seq` its last version's seq.
    /// - A version's `valid_to` is the `valid_from` of its ad-day's next version; the last one is the performance
    ///   row. When there are as many ad-days as versions, no version was superseded and none is written.
    private func writePerformance() throws(LedgerError) {
        let versions = Self.versions
        let columns = PerformanceColumns.all
        try connection.execute(
            """
            INSERT INTO \(tables("meta_ads_performance"))(\(columns.joined(separator: ", ")), first_fetched_at,
                fetched_at, revisions, source_seq, vanished_at)
            SELECT \(columns.map { "h.\($0)" }.joined(separator: ", ")),
                CASE WHEN d.revisions = 1 THEN h.valid_from
                    ELSE (SELECT f.valid_from FROM \(versions) AS f WHERE f.seq = d.first_seq) END,
                h.valid_from, d.revisions, h.seq, NULL
            FROM (
                SELECT min(seq) AS first_seq, max(seq) AS last_seq, count(*) AS revisions
                FROM \(versions) GROUP BY meta_ad_id, date
            ) AS d CROSS JOIN \(versions) AS h ON h.seq = d.last_seq
            """)
        let adDays = Int64(connection.changes)
        let count = try connection.scalar("SELECT count(*) FROM \(versions)")?.integer ?? 0
        guard count > adDays else { return }
        try connection.execute(
            """
            INSERT INTO \(tables(HistoryView.replacedTable))(\(columns.joined(separator: ", ")), valid_from, valid_to,
                seq)
            SELECT \(columns.map { "h.\($0)" }.joined(separator: ", ")), h.valid_from, v.valid_to, h.seq
            FROM (
                SELECT seq, lead(valid_from) OVER (PARTITION BY meta_ad_id, date ORDER BY seq) AS valid_to
                FROM \(versions)
            ) AS v CROSS JOIN \(versions) AS h ON h.seq = v.seq
            WHERE v.valid_to IS NOT NULL
            ORDER BY h.seq
            """)
    }
}

@available(*, unavailable)
extension BulkProjectionBuild: Sendable {}
