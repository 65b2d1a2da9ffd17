import JSON
import Normalization

extension LedgerReader {
    /// SQL for `events`: the last `limit` events (optionally of one kind), oldest first.
    package static func eventsSQL(kind: String?, limit: Int) -> (sql: String, parameters: [String: String]) {
        let filter = kind.map { "WHERE " + EventKindIndex.matching("e", kind: $0) } ?? ""
        return (
            """
            SELECT * FROM (
                SELECT e.seq, k.name AS kind, e.stream, e.version, c.recorded_at,
                    \(PayloadFunction.name)(e.seq) AS payload, c.meta AS meta
                FROM event_log e LEFT JOIN event_kinds k ON k.id = e.kind_id
                    LEFT JOIN event_contexts c ON c.id = e.context_id
                \(filter)
                ORDER BY e.seq DESC LIMIT \(max(0, limit))
            ) ORDER BY seq
            """, [:]
        )
    }

    /// Every fetched version of an ad's days, oldest first per day, with the columns that changed
    /// from the previous version of the same day.
    public func history(adId: String, date: String?) throws(LedgerError) -> (columns: [String], rows: [[String]]) {
        let shown = [
            "spend", "impressions", "reach", "clicks", "link_clicks", "purchases", "purchase_value", "roas",
            "add_to_carts", "video_views", "video_thruplays", "hook_rate", "attribution",
        ]
        var compared = PerformanceColumns.metrics + PerformanceColumns.context
        compared.append("ad_name")
        let sql = """
            SELECT date, valid_from, valid_to, seq, \(compared.joined(separator: ", "))
            FROM meta_ads_performance_history WHERE meta_ad_id = ? \(date == nil ? "" : "AND date = ?")
            ORDER BY date, seq
            """
        let rows = try connection.rows(sql, [.text(adId)] + (date.map { [SQLValue.text($0)] } ?? []))
        guard !rows.isEmpty else {
            throw .notFound(
                what: "ad \(adId)\(date.map { " on \($0)" } ?? "")",
                hint: "list ads with `adledger query \"SELECT DISTINCT meta_ad_id, ad_name FROM meta_ads_performance\"`")
        }
        var output: [[String]] = []
        var previous: [SQLValue]?
        for row in rows {
            var changed: [String] = []
            if let previous, previous[0] == row[0] {
                for (i, column) in compared.enumerated() where previous[4 + i] != row[4 + i] { changed.append(column) }
            }
            let version = previous?[0] == row[0] ? "" : "first"
            var line = [row[0].plainText, row[1].plainText, row[2].plainText, row[3].plainText]
            line += shown.map { column in compared.firstIndex(of: column).map { row[4 + $0].plainText } ?? "" }
            line.append(changed.isEmpty ? version : changed.joined(separator: ","))
            output.append(line)
            previous = row
        }
        return (["date", "valid_from", "valid_to", "seq"] + shown + ["changed"], output)
    }

    /// A short account of the ledger: sizes, last syncs, projection state.
    public func status() throws(LedgerError) -> LedgerStatus {
        let lastSeq = try connection.scalar("SELECT coalesce(max(seq), 0) FROM event_log")?.integer ?? 0
        // match_suggestions is recomputed only when one of its inputs changed: behind the log is not stale.
        let suggestionsStale = try suggestionsAreStale()
        let projections = try connection.rows(
            "SELECT name, last_seq, normalizer_version FROM projection_state ORDER BY name"
        ).map { row in
            LedgerStatus.Projection(
                table: row[0].plainText, lastSeq: row[1].integer ?? 0, normalizerVersion: row[2].integer ?? 0,
                upToDate: row[0].text == "match_suggestions" ? !suggestionsStale : (row[1].integer ?? 0) >= lastSeq)
        }
        let syncs = try payloadRows(
            """
            SELECT e.seq, p.encoding, p.dictionary_id, p.body, c.recorded_at
            FROM event_log e JOIN payloads p ON p.id = e.payload_id LEFT JOIN event_contexts c ON c.id = e.context_id
            WHERE \(EventKindIndex.matching("e", kind: .syncFinished))
            ORDER BY e.seq DESC LIMIT 5
            """
        ).map { payload, row in
            LedgerStatus.Sync(
                source: payload["source"]?.scalarText ?? "sync", finishedAt: row[4].plainText,
                outcome: payload["outcome"]?.scalarText ?? "")
        }
        // The kinds `event_log_kind` holds, counted in it, and all events (one statement: one snapshot);
        // insight.fetched is the rest.
        var kinds: [String: Int64] = [:]
        var events: Int64 = 0
        for row in try connection.rows(
            """
            SELECT coalesce(k.name, 'kind_id ' || c.kind_id), c.n
            FROM (SELECT kind_id, count(*) AS n FROM event_log WHERE \(EventKindIndex.term()) GROUP BY kind_id) c
            LEFT JOIN event_kinds k ON k.id = c.kind_id
            UNION ALL SELECT NULL, count(*) FROM event_log
            """)
        {
            if case .text(let kind) = row[0] { kinds[kind] = row[1].integer ?? 0 } else { events = row[1].integer ?? 0 }
        }
        let fetched = events - kinds.values.reduce(0, +)
        if fetched > 0 { kinds[EventKindIndex.excluded.rawValue] = fetched }
        let schemaVersion = try connection.scalar("PRAGMA user_version")?.integer ?? 0
        let payloads = try connection.scalar("SELECT count(*) FROM payloads")?.integer ?? 0
        // recorded_at never decreases along seq: the last event's is the latest.
        let lastEventAt = try connection.scalar(
            """
            SELECT c.recorded_at FROM event_log e JOIN event_contexts c ON c.id = e.context_id
            ORDER BY e.seq DESC LIMIT 1
            """)?.text
        return LedgerStatus(
            ledger: path, schemaVersion: schemaVersion, events: events, lastSeq: lastSeq, payloads: payloads,
            eventsByKind: kinds, lastEventAt: lastEventAt,
            normalizerVersion: Normalizer.version, projections: projections, syncs: syncs)
    }
}

extension LedgerReader {
    /// The rows of `sql`, whose first four columns are an event's seq and its payload's encoding, dictionary_id
    /// and body, with the payload decoded and parsed: a payload that cannot be read is reported as damage, where
    /// SQLite's JSON functions would fail with a bare "malformed JSON".
    func payloadRows(_ sql: String, _ arguments: [SQLValue] = []) throws(LedgerError) -> [(JSONValue, [SQLValue])] {
        var result: [(JSONValue, [SQLValue])] = []
        let decoder = try PayloadDecoder(connection: connection)
        for row in try connection.rows(sql, arguments) {
            let seq = row[0].integer ?? 0
            guard case .blob(let body) = row[3] else {
                throw .corrupt(path: path, message: "event \(seq) has no payload body")
            }
            let canonical = try decoder.canonicalBytes(
                encoding: row[1].text, dictionaryId: row[2].integer, body: body, seq: seq)
            result.append((try EventReader.parsePayload(canonical, seq: seq, path: path), row))
        }
        return result
    }
}

extension LedgerReader {
    /// An ad-day with more than one version, for examples: (meta_ad_id, date).
    public func exampleRestatedAd() throws(LedgerError) -> (String, String)? {
        let rows = try connection.rows(
            "SELECT meta_ad_id, date FROM meta_ads_performance WHERE revisions > 1 ORDER BY meta_ad_id, date LIMIT 1")
        guard let row = rows.first, let ad = row[0].text, let date = row[1].text else { return nil }
        return (ad, date)
    }
}

extension LedgerReader {
    /// Suggestion rows per kind, e.g. `exact 80000, unknown_id 10000`.
    package func suggestionCounts() throws(LedgerError) -> String {
        try connection.rows("SELECT kind, count(*) FROM match_suggestions GROUP BY kind ORDER BY kind")
            .map { "\($0[0].plainText) \($0[1].plainText)" }.joined(separator: ", ")
    }
}
