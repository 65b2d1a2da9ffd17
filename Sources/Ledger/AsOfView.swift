import Foundation
import JSON
import Normalization

/// Makes a read connection answer projection queries as the ledger knew them at one time, with the same
/// SQL a user writes for "now": temp tables and views named like the projections shadow the real ones.
enum AsOfView {
    /// Installs the as-of objects for `time` (ledger UTC text) on `connection`.
    static func install(on connection: Connection, at time: String) throws(LedgerError) {
        try remove(from: connection)
        let t = "'\(time.replacingUTF8("'", with: "''"))'"
        // Small projections: replay their events up to `time` into temp tables.
        for name in ProjectionTables.names
        where name != "meta_ads_performance" && name != "meta_ads_performance_history" && name != "insight_parts" {
            guard let sql = try connection.scalar(
                "SELECT sql FROM main.sqlite_master WHERE type = 'table' AND name = ?", [.text(name)])?.text
            else { continue }
            try connection.execute(ProjectionDDL.rename(sql, table: name, to: "temp.\(name)"))
        }
        let history = PerformanceColumns.all.map { "h.\($0)" }.filter { $0 != "h.brand_id" }
        try connection.execute(
            """
            CREATE TEMP VIEW meta_ads_performance_history AS
            SELECT \(PerformanceColumns.all.map { "h.\($0)" }.joined(separator: ", ")), h.valid_from,
                CASE WHEN h.valid_to <= \(t) THEN h.valid_to END AS valid_to, h.seq
            FROM main.meta_ads_performance_history h WHERE h.valid_from <= \(t);
            CREATE TEMP VIEW meta_ads_performance AS
            SELECT \(history.prefix(1).joined()),
                (SELECT b.brand_id FROM temp.brand_ad_accounts b WHERE b.meta_ad_account_id = h.meta_ad_account_id
                 ORDER BY b.is_primary DESC, b.linked_at, b.brand_id LIMIT 1) AS brand_id,
                \(history.dropFirst().joined(separator: ", ")),
                (SELECT min(f.valid_from) FROM main.meta_ads_performance_history f
                 WHERE f.meta_ad_id = h.meta_ad_id AND f.date = h.date) AS first_fetched_at,
                h.valid_from AS fetched_at,
                (SELECT count(*) FROM main.meta_ads_performance_history c
                 WHERE c.meta_ad_id = h.meta_ad_id AND c.date = h.date AND c.valid_from <= \(t)) AS revisions,
                h.seq AS source_seq,
                NULL AS vanished_at
            FROM main.meta_ads_performance_history h
            WHERE h.valid_from <= \(t) AND (h.valid_to IS NULL OR h.valid_to > \(t));
            """)
        // Views over the projections: the same SQL, resolved against the as-of objects.
        for row in try connection.rows("SELECT name, sql FROM main.sqlite_master WHERE type = 'view'") {
            guard let name = row[0].text, let sql = row[1].text,
                let range = sql.range(of: "CREATE VIEW \(name)")
            else { continue }
            try connection.execute(sql.replacingCharacters(in: range, with: "CREATE TEMP VIEW \(name)"))
        }
        let projector = Projector(connection: connection, tables: .temporary, includesPerformance: false)
        try EventReader(connection: connection).forEach(
            kinds: EventKind.allCases.filter { $0 != .insightFetched && $0 != .insightVanished && $0 != .syncChunkCompleted },
            until: time
        ) { (event: StoredEvent) throws(LedgerError) in try projector.apply(event) }
        try SuggestionBuilder(connection: connection, tables: .temporary, performanceTable: "temp.meta_ads_performance")
            .rebuild()
    }

    /// Drops every as-of object, so the connection answers for "now" again.
    static func remove(from connection: Connection) throws(LedgerError) {
        for row in try connection.rows("SELECT type, name FROM temp.sqlite_master WHERE type IN ('table', 'view')") {
            guard let type = row[0].text, let name = row[1].text else { continue }
            try connection.execute("DROP \(type == "view" ? "VIEW" : "TABLE") IF EXISTS temp.\(name)")
        }
    }
}
