import Foundation
import JSON
import Normalization

/// Makes a read connection answer projection queries as the ledger knew them at one time, with the same
/// SQL a user writes for "now": temp tables and views named like the projections shadow the real ones.
///
/// As of a time after the last event, every projection equals the live one, every column; as of any time T,
/// it equals the projections rebuilt from the events recorded up to T (the property tests check both).
enum AsOfView {
    /// Installs the as-of objects for `time` (ledger UTC text) on `connection`.
    ///
    /// `meta_ads_performance_history` is a view over the live history (itself a view, ``HistoryView``), and
    /// `meta_ads_performance_replaced` over the live replaced versions (those replaced by then).
    /// `meta_ads_performance` is copied from the history rows current at `time` (so no insight is normalized
    /// again); `insight_parts` from the latest part events recorded by then; every other projection, and the
    /// vanish and coverage events on those rows, are replayed from the log by the live projector.
    static func install(on connection: Connection, at time: String) throws(LedgerError) {
        try remove(from: connection)
        let t = "'\(time.replacingUTF8("'", with: "''"))'"
        try ProjectionBuild(connection: connection, tables: .temporary)
            .createTables(
                ProjectionTables.names.filter {
                    $0 != HistoryView.replacedTable && $0 != ReportSummary.table && $0 != DriftSummary.table
                },
                allIndexes: true)
        let values = PerformanceColumns.all
        let replaced = "main.\(HistoryView.replacedTable)"
        // The view's columns in the live view's order (columns a later schema added come last there).
        let viewColumns = try connection.rows("SELECT name FROM pragma_table_info('meta_ads_performance_history')")
            .compactMap { $0[0].text }
        let replacedColumns = viewColumns.map {
            $0 == "valid_to" ? "CASE WHEN h.valid_to <= \(t) THEN h.valid_to END AS valid_to" : "h.\($0)"
        }
        let currentFrom = HistoryView.currentValue("valid_from")
        // The as-of history reads the two tables the live view reads, each with its own filter, so a query for
        // replaced versions (valid_to set) skips the performance rows, whose valid_to is NULL. A version current at
        // `time` becomes its ad-day's row: first fetched when its ad-day's first version was, revised once per
        // version up to it (replaced versions come before the current one).
        let firstReplaced = """
            (SELECT min(f.valid_from) FROM \(replaced) f WHERE f.meta_ad_id = h.meta_ad_id AND f.date = h.date)
            """
        try connection.execute(
            """
            CREATE TEMP VIEW meta_ads_performance_history AS
            SELECT \(replacedColumns.joined(separator: ", ")) FROM \(replaced) h WHERE h.valid_from <= \(t)
            UNION ALL
            SELECT \(viewColumns.map { HistoryView.currentValue($0) }.joined(separator: ", "))
            FROM main.meta_ads_performance p WHERE \(currentFrom) <= \(t);
            CREATE TEMP VIEW \(HistoryView.replacedTable) AS
            SELECT * FROM \(replaced) WHERE valid_from <= \(t) AND valid_to <= \(t);
            INSERT INTO temp.meta_ads_performance(\(values.joined(separator: ", ")), first_fetched_at, fetched_at,
                revisions, source_seq, vanished_at)
            SELECT \(values.map { "h.\($0)" }.joined(separator: ", ")),
                min(\(firstReplaced), (SELECT \(currentFrom) FROM main.meta_ads_performance p
                    WHERE p.meta_ad_id = h.meta_ad_id AND p.date = h.date)),
                h.valid_from,
                (SELECT count(*) FROM \(replaced) c WHERE c.meta_ad_id = h.meta_ad_id AND c.date = h.date
                    AND c.seq <= h.seq),
                h.seq, NULL
            FROM \(replaced) h
            WHERE h.valid_from <= \(t) AND h.valid_to > \(t)
            UNION ALL
            SELECT \(values.map { "h.\($0)" }.joined(separator: ", ")), h.first_from, h.valid_from,
                (SELECT count(*) FROM \(replaced) c WHERE c.meta_ad_id = h.meta_ad_id AND c.date = h.date) + 1,
                h.seq, NULL
            FROM (
                SELECT \(values.map { "\(HistoryView.currentValue($0)) AS \($0)" }.joined(separator: ", ")),
                    min(coalesce(\(firstReplaced.replacingOccurrences(of: "h.", with: "p.")), \(currentFrom)),
                        \(currentFrom)) AS first_from,
                    \(currentFrom) AS valid_from, p.source_seq AS seq
                FROM main.meta_ads_performance p
            ) h
            WHERE h.valid_from <= \(t);
            INSERT INTO temp.insight_parts(meta_ad_id, date, part, seq)
            SELECT meta_ad_id, date, part, seq FROM (
                SELECT i.meta_ad_id, i.date, i.part,
                    (SELECT max(e.seq) FROM main.event_log e JOIN main.event_contexts c ON c.id = e.context_id
                     WHERE e.stream = 'ad:' || i.meta_ad_id || ':' || i.date || ':' || i.part
                       AND e.kind_id = \(EventKind.insightFetched.id) AND c.recorded_at <= \(t)) AS seq
                FROM main.insight_parts i)
            WHERE seq IS NOT NULL;
            """)
        let projector = Projector(connection: connection, tables: .temporary, appliesInsights: false)
        try EventReader(connection: connection).forEach(
            kinds: EventKind.allCases.filter { $0 != .insightFetched }, until: time
        ) { (event: StoredEvent) throws(LedgerError) in try projector.apply(event) }
        try projector.refreshBrands()
        try ObjectProjections(connection: connection, tables: .temporary).refreshPerformance(where: "1", [])
        try SuggestionBuilder(connection: connection, tables: .temporary).rebuild()
        // The summaries as of then are views (computed only if read: `report` and `report drift` as of a time read
        // the performance table and history).
        try connection.execute(ReportSummary.asOfViewSQL)
        try connection.execute(DriftSummary.asOfViewSQL)
        // Views over the projections: the same SQL, resolved against the as-of objects.
        for row in try connection.rows("SELECT name, sql FROM main.sqlite_master WHERE type = 'view'") {
            guard let name = row[0].text, name != HistoryView.name, let sql = row[1].text,
                let range = sql.range(of: "CREATE VIEW \(name)")
            else { continue }
            try connection.execute(sql.replacingCharacters(in: range, with: "CREATE TEMP VIEW \(name)"))
        }
    }

    /// Drops every as-of object, so the connection answers for "now" again.
    static func remove(from connection: Connection) throws(LedgerError) {
        for row in try connection.rows("SELECT type, name FROM temp.sqlite_master WHERE type IN ('table', 'view')") {
            guard let type = row[0].text, let name = row[1].text else { continue }
            try connection.execute("DROP \(type == "view" ? "VIEW" : "TABLE") IF EXISTS temp.\(name)")
        }
    }
}
