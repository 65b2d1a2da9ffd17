import Foundation
import Testing

@testable import Ledger

/// Turns a ledger at the current schema back into an earlier layout, for tests of the migrations after it. The
/// caller then marks the version (``markAt(_:_:)``).
enum SchemaRollback {
    /// Everything a failed migration must leave as it was: the schema, the rows `queries` select, the migrations
    /// recorded and `user_version`, as text, read on a connection of its own.
    static func dump(path: String, _ queries: [String]) throws -> [String] {
        let connection = try Connection(path: path, mode: .readOnly)
        var lines = try connection.rows("SELECT type, name, sql FROM sqlite_master ORDER BY name").map { "\($0)" }
        for query in queries + ["SELECT * FROM schema_migrations"] {
            lines += try connection.rows(query).map { "\($0)" }
        }
        return lines + ["\(try connection.scalar("PRAGMA user_version") ?? .null)"]
    }

    /// Records `connection`'s file as being at schema `version`: the migrations after it are not recorded, so the
    /// next open runs them.
    static func markAt(_ version: Int, _ connection: Connection) throws {
        try connection.execute(
            "DELETE FROM schema_migrations WHERE version > \(version); PRAGMA user_version = \(version)")
    }

    /// Schema 15's layout: `payloads` without `stream_bound`, and `payloads_hash_prefix` over every payload.
    static func toSchema15(_ connection: Connection) throws {
        try connection.execute(
            """
            DROP INDEX payloads_hash_prefix; ALTER TABLE payloads DROP COLUMN stream_bound;
            CREATE INDEX payloads_hash_prefix ON payloads(substr(hash, 1, 8));
            """)
    }

    /// Schema 14's layout: `meta_ads_performance_ad_name` again (schema 2's index, which schema 15 dropped).
    static func toSchema14(_ connection: Connection) throws {
        try toSchema15(connection)
        try connection.execute("CREATE INDEX meta_ads_performance_ad_name ON meta_ads_performance(ad_name)")
    }

    /// Schema 13's layout: `event_log` holding each event's recorded_at and a `meta_id` into `event_metas` again
    /// (no `event_contexts`), with schema 13's triggers and views.
    static func toSchema13(_ connection: Connection) throws {
        try toSchema14(connection)
        let schema13 = try #require(SchemaFile.all.first { $0.version == 13 }).sql
        func statement(_ start: String, through end: String) throws -> Substring {
            let from = try #require(schema13.range(of: start))
            let to = try #require(schema13.range(of: end, range: from.upperBound..<schema13.endIndex))
            return schema13[from.lowerBound..<to.upperBound]
        }
        let rest = try #require(schema13.range(of: "CREATE TRIGGER event_log_no_update"))
        try connection.execute(
            """
            CREATE TEMP TABLE rollback_log AS
            SELECT e.seq, e.kind_id, e.stream, e.version, c.recorded_at, e.schema_version, e.payload_id, c.meta, e.hash
            FROM event_log e LEFT JOIN event_contexts c ON c.id = e.context_id ORDER BY e.seq;
            DROP VIEW events;
            DROP VIEW meta_ads_performance_history;
            DROP TABLE event_log;
            DROP TABLE event_contexts;
            DROP TRIGGER event_kinds_no_update;
            DROP TRIGGER event_kinds_no_delete;
            \(try statement("CREATE TABLE event_metas (", through: ");"))
            INSERT INTO event_metas(body) SELECT meta FROM temp.rollback_log WHERE meta IS NOT NULL
                GROUP BY meta ORDER BY min(seq);
            \(try statement("CREATE TABLE event_log (", through: ");"))
            INSERT INTO event_log(seq, kind_id, stream, version, recorded_at, schema_version, payload_id, meta_id, hash)
            SELECT r.seq, r.kind_id, r.stream, r.version, r.recorded_at, r.schema_version, r.payload_id, m.id, r.hash
            FROM temp.rollback_log r LEFT JOIN event_metas m ON m.body = r.meta ORDER BY r.seq;
            DROP TABLE temp.rollback_log;
            CREATE INDEX event_log_kind ON event_log(kind_id) WHERE kind_id <> 1;
            \(schema13[rest.lowerBound...])
            """)
    }

    /// Schema 12's layout: `events` a table again (as schema 1 created it, with schema 12's partial `events_kind`)
    /// holding what the view gave, and the history view reading it; no `event_log`, `event_kinds` or `event_metas`;
    /// `payloads` with its UNIQUE(hash) again.
    static func toSchema12(_ connection: Connection) throws {
        try toSchema13(connection)
        let schema1 = try #require(SchemaFile.all.first { $0.version == 1 }).sql
        let table = try #require(schema1.range(of: "CREATE TABLE events ("))
        let tableEnd = try #require(schema1.range(of: ");", range: table.upperBound..<schema1.endIndex))
        let triggers = try #require(schema1.range(of: "CREATE TRIGGER events_no_update"))
        let triggersEnd = try #require(schema1.range(of: "-- The head of each stream"))
        let schema13 = try #require(SchemaFile.all.first { $0.version == 13 }).sql
        let view = try #require(schema13.range(of: "CREATE VIEW meta_ads_performance_history"))
        try connection.execute(
            """
            CREATE TEMP TABLE rollback_events AS SELECT * FROM events ORDER BY seq;
            DROP VIEW events;
            DROP VIEW meta_ads_performance_history;
            DROP TABLE event_log;
            DROP TABLE event_metas;
            DROP TABLE event_kinds;
            CREATE TABLE payloads_unique (
                id INTEGER PRIMARY KEY, hash TEXT NOT NULL UNIQUE, encoding TEXT NOT NULL, body BLOB NOT NULL,
                dictionary_id INTEGER REFERENCES payload_dictionaries(id));
            INSERT INTO payloads_unique SELECT id, hash, encoding, body, dictionary_id FROM payloads ORDER BY id;
            DROP TABLE payloads;
            ALTER TABLE payloads_unique RENAME TO payloads;
            \(schema1[table.lowerBound..<tableEnd.upperBound])
            INSERT INTO events SELECT * FROM temp.rollback_events ORDER BY seq;
            DROP TABLE temp.rollback_events;
            CREATE INDEX events_kind ON events(kind) WHERE kind <> 'insight.fetched';
            \(schema1[triggers.lowerBound..<triggersEnd.lowerBound])
            \(schema13[view.lowerBound...].replacingOccurrences(of: "FROM event_log e", with: "FROM events e"))
            """)
    }

    /// Schema 11's layout (and schema 12's `events` table): `events_kind` over every event, as schema 1 created it.
    static func toSchema11(_ connection: Connection) throws {
        try toSchema12(connection)
        try connection.execute("DROP INDEX events_kind; CREATE INDEX events_kind ON events(kind);")
    }

    /// Schema 10's layout (and schema 11's `events_kind`): `stream_heads` (as schema 1 created it) holding each
    /// stream's latest version, payload hash and seq, as every append kept it.
    static func toSchema10(_ connection: Connection) throws {
        try toSchema11(connection)
        let schema1 = try #require(SchemaFile.all.first { $0.version == 1 }).sql
        let start = try #require(schema1.range(of: "CREATE TABLE stream_heads"))
        let end = try #require(schema1.range(of: "WITHOUT ROWID;", range: start.upperBound..<schema1.endIndex))
        try connection.execute(
            String(schema1[start.lowerBound..<end.upperBound])
                + """

                INSERT INTO stream_heads(stream, version, payload_hash, seq)
                SELECT stream, version, payload_hash, seq FROM events e
                WHERE version = (SELECT max(version) FROM events WHERE stream = e.stream);
                """)
    }

    /// Schema 9's layout (and schema 10's `stream_heads`): the history a table again holding every version (with
    /// schema 2's and 7's indexes and schema 9's triggers), no table of replaced versions, no `version_brand_id`,
    /// and schema 7's covering index.
    static func toSchema9(_ connection: Connection) throws {
        try toSchema10(connection)
        try connection.execute(
            """
            CREATE TABLE rollback_history AS SELECT * FROM meta_ads_performance_history;
            DROP VIEW meta_ads_performance_history;
            DROP TRIGGER drift_segments_performance_insert_replaced;
            DROP TRIGGER drift_segments_performance_update_replaced;
            DROP TRIGGER drift_segments_performance_delete;
            DROP TABLE meta_ads_performance_replaced;
            ALTER TABLE rollback_history RENAME TO meta_ads_performance_history;
            ALTER TABLE meta_ads_performance DROP COLUMN version_brand_id;
            CREATE UNIQUE INDEX meta_ads_performance_history_seq ON meta_ads_performance_history(seq);
            CREATE INDEX meta_ads_performance_history_ad_date ON meta_ads_performance_history(meta_ad_id, date);
            CREATE INDEX meta_ads_performance_history_valid_from ON meta_ads_performance_history(valid_from);
            CREATE INDEX meta_ads_performance_report ON meta_ads_performance(meta_ad_id, date, currency, brand_id,
                meta_ad_account_id, meta_campaign_id, meta_adset_id, first_fetched_at, spend, impressions, clicks,
                link_clicks, purchases, purchase_value, add_to_carts, video_views);
            """)
        // Schema 9's triggers that read the history table, as schema 9 wrote them.
        let schema9 = try #require(SchemaFile.all.first { $0.version == 9 }).sql
        for part in schema9.components(separatedBy: "CREATE TRIGGER ").dropFirst() {
            guard let end = part.range(of: "\nEND;") else { continue }
            let trigger = "CREATE TRIGGER " + part[..<end.upperBound]
            if trigger.contains("meta_ads_performance_history") { try connection.execute(trigger) }
        }
    }
}
