-- adledger schema 14: an event's time and meta, stored once per append. Every event one write transaction appends
-- shares its recorded_at (the transaction's clock, never earlier than the event before) and, for a sync's or
-- ingest's rows, its meta (`{"run_id":…}`), yet each event row held the 24-character time itself: 25 of the ~100
-- bytes an event row took at 200k versions. `event_contexts` holds each distinct (recorded_at, meta) pair once (a
-- transaction's worth of events shares one row; schema 13's `event_metas` is folded into it), and an event row
-- holds its row id. The `events` view gives the same columns and values as before; the chain is unchanged
-- (`verify` recomputes each hash over the same fields, an event whose context row is missing fails it).
CREATE TABLE event_contexts (
    id          INTEGER PRIMARY KEY,
    recorded_at TEXT NOT NULL,  -- UTC, ISO 8601 with milliseconds, as events.recorded_at gives it
    meta        TEXT,           -- canonical JSON, as events.meta gives it; NULL for no meta
    UNIQUE (recorded_at, meta)
);
INSERT INTO event_contexts(recorded_at, meta)
SELECT e.recorded_at, m.body
FROM event_log e LEFT JOIN event_metas m ON m.id = e.meta_id
GROUP BY e.recorded_at, m.body
ORDER BY min(e.seq);

CREATE TABLE event_log_v14 (
    seq            INTEGER PRIMARY KEY,
    kind_id        INTEGER NOT NULL,  -- event_kinds.id
    stream         TEXT NOT NULL,
    version        INTEGER NOT NULL,
    schema_version INTEGER NOT NULL,
    payload_id     INTEGER,           -- payloads.id; NULL only where an older file's payload row was already missing
    context_id     INTEGER NOT NULL,  -- event_contexts.id: the event's recorded_at and meta
    hash           NOT NULL,          -- as ledger_format.hashes says: 32 bytes, or 64 hex digits in an upgraded file
    UNIQUE (stream, version)
);
-- (An event whose meta row was already missing gets a context without meta, and fails its hash as it did.)
INSERT INTO event_log_v14(seq, kind_id, stream, version, schema_version, payload_id, context_id, hash)
SELECT e.seq, e.kind_id, e.stream, e.version, e.schema_version, e.payload_id, c.id, e.hash
FROM event_log e
LEFT JOIN event_metas m ON m.id = e.meta_id
JOIN event_contexts c ON c.recorded_at = e.recorded_at AND c.meta IS m.body
ORDER BY e.seq;

DROP VIEW events;
DROP VIEW meta_ads_performance_history;
DROP TABLE event_log;
DROP TABLE event_metas;
ALTER TABLE event_log_v14 RENAME TO event_log;

-- Indexes, and what each serves (schema 13's, with event_contexts' own):
--   seq (INTEGER PRIMARY KEY)   the chain walk, rebuild, export and as-of: everything that reads the log in order
--   UNIQUE (stream, version)    a stream's head (one seek, the highest version first: StreamHead) and its history
--   event_log_kind              readers of one kind other than insight.fetched (EventKindIndex.swift)
--   event_contexts UNIQUE       an append finds the context its transaction already wrote (once; then it is cached)
CREATE INDEX event_log_kind ON event_log(kind_id) WHERE kind_id <> 1;

CREATE TRIGGER event_log_no_update BEFORE UPDATE ON event_log
BEGIN SELECT RAISE(ABORT, 'adledger events are immutable'); END;
CREATE TRIGGER event_log_no_delete BEFORE DELETE ON event_log
BEGIN SELECT RAISE(ABORT, 'adledger events are immutable'); END;
CREATE TRIGGER event_contexts_no_update BEFORE UPDATE ON event_contexts
BEGIN SELECT RAISE(ABORT, 'adledger events are immutable'); END;
CREATE TRIGGER event_contexts_no_delete BEFORE DELETE ON event_contexts
BEGIN SELECT RAISE(ABORT, 'adledger events are immutable'); END;

-- The log as schema 1 defined it. prev_hash: the genesis (zeros, as the file stores hashes) for seq 1, else the
-- hash of seq - 1 (NULL where that event is missing: `verify` reports the gap).
CREATE VIEW events AS
SELECT
    e.seq AS seq, k.name AS kind, e.stream AS stream, e.version AS version, c.recorded_at AS recorded_at,
    e.schema_version AS schema_version, p.hash AS payload_hash, c.meta AS meta,
    CASE WHEN e.seq = 1
        THEN (SELECT CASE f.value WHEN 'blob' THEN zeroblob(32) ELSE '0000000000000000000000000000000000000000000000000000000000000000' END
              FROM ledger_format f WHERE f.name = 'hashes')
        ELSE (SELECT b.hash FROM event_log b WHERE b.seq = e.seq - 1)
    END AS prev_hash,
    e.hash AS hash
FROM event_log e
LEFT JOIN event_kinds k ON k.id = e.kind_id
LEFT JOIN payloads p ON p.id = e.payload_id
LEFT JOIN event_contexts c ON c.id = e.context_id;

-- Changing the view changes nothing: the log is appended by adledger and never changed.
CREATE TRIGGER events_no_insert INSTEAD OF INSERT ON events
BEGIN SELECT RAISE(ABORT, 'adledger events are immutable: adledger appends them (to event_log)'); END;
CREATE TRIGGER events_no_update INSTEAD OF UPDATE ON events
BEGIN SELECT RAISE(ABORT, 'adledger events are immutable'); END;
CREATE TRIGGER events_no_delete INSTEAD OF DELETE ON events
BEGIN SELECT RAISE(ABORT, 'adledger events are immutable'); END;

-- Schema 13's history view; a current version's valid_from is its event's recorded_at, now in its context.
CREATE VIEW meta_ads_performance_history AS
SELECT
    meta_ad_account_id, brand_id, meta_ad_id, ad_name, meta_adset_id, adset_name, meta_campaign_id, campaign_name,
    date, currency, spend, impressions, reach, frequency, cpm, clicks, link_clicks, link_ctr, link_cpc,
    add_to_carts, cost_per_add_to_cart, purchases, purchase_value, roas, conversion_rate, video_views,
    video_avg_watch_time, video_p25_watched, video_p50_watched, video_p75_watched, video_p95_watched,
    video_p100_watched, valid_from, valid_to, seq, landing_page_views, initiate_checkouts, content_views,
    cost_per_initiate_checkout, cost_per_landing_page_view, video_3s_views, video_thruplays, hook_rate, hold_rate,
    cpc, attribution
FROM meta_ads_performance_replaced
UNION ALL
SELECT
    p.meta_ad_account_id,
    CASE WHEN p.version_brand_id IS NULL THEN p.brand_id WHEN p.version_brand_id = x'' THEN NULL ELSE p.version_brand_id END,
    p.meta_ad_id, p.ad_name, p.meta_adset_id, p.adset_name, p.meta_campaign_id, p.campaign_name, p.date, p.currency,
    p.spend, p.impressions, p.reach, p.frequency, p.cpm, p.clicks, p.link_clicks, p.link_ctr, p.link_cpc,
    p.add_to_carts, p.cost_per_add_to_cart, p.purchases, p.purchase_value, p.roas, p.conversion_rate, p.video_views,
    p.video_avg_watch_time, p.video_p25_watched, p.video_p50_watched, p.video_p75_watched, p.video_p95_watched,
    p.video_p100_watched,
    (SELECT c.recorded_at FROM event_log e JOIN event_contexts c ON c.id = e.context_id WHERE e.seq = p.source_seq),
    NULL, p.source_seq,
    p.landing_page_views, p.initiate_checkouts, p.content_views, p.cost_per_initiate_checkout,
    p.cost_per_landing_page_view, p.video_3s_views, p.video_thruplays, p.hook_rate, p.hold_rate, p.cpc,
    p.attribution
FROM meta_ads_performance p;
