-- adledger schema 13: a lean log. An event row held its kind's name, its payload's 32-byte hash, its `meta` JSON
-- (the same `{"run_id":…}` on every row a sync appends), the previous event's hash and its own: 240 of the 1,027
-- bytes per version at 200k versions. `event_log` holds each of those once: the kind as a small id
-- (`event_kinds`), the payload as its row id (its hash is in `payloads`), the meta as a row id (`event_metas`, each
-- distinct text once), and its own hash only: an event's `prev_hash` is the hash of the event before it, one rowid
-- away. `events` is now a view with the same columns, in the same order, giving the same values, so every reader
-- of the log (the shell, `query`, `export events`) reads it as before; adledger's own hot paths read `event_log`.
-- The chain is unchanged: `verify` recomputes each hash over the same fields.
--
-- `payloads` loses its UNIQUE(hash) index (46 bytes per version: each 32-byte hash again, in random order) for one
-- on the hash's first 8 bytes (an append looks a hash up there and compares the whole hash; the log reads payloads
-- by row id). Content addressing is the append's: a payload is stored only when no row holds its hash.
CREATE TABLE event_kinds (
    id   INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE
);
-- Fixed ids (EventKind+Id.swift holds the same list; a test compares them). insight.fetched is 1: the partial
-- index below leaves it out.
INSERT INTO event_kinds(id, name) VALUES
    (1, 'insight.fetched'), (2, 'insight.vanished'), (3, 'account.fetched'), (4, 'brand.account_linked'),
    (5, 'brand.account_unlinked'), (6, 'creative.registered'), (7, 'campaign.fetched'), (8, 'adset.fetched'),
    (9, 'ad.fetched'), (10, 'adcreative.fetched'), (11, 'mapping.linked'), (12, 'mapping.unlinked'),
    (13, 'mapping.rejected'), (14, 'sync.started'), (15, 'sync.planned'), (16, 'sync.chunk_completed'),
    (17, 'sync.finished');
-- A kind no release writes (only damage puts one in a log; `verify` names its event) keeps its name, from id 1000.
INSERT INTO event_kinds(id, name)
SELECT 999 + row_number() OVER (ORDER BY kind), kind
FROM (SELECT DISTINCT kind FROM events WHERE kind NOT IN (SELECT name FROM event_kinds));

CREATE TABLE event_metas (
    id   INTEGER PRIMARY KEY,
    body TEXT NOT NULL UNIQUE  -- canonical JSON, as events.meta gives it
);
INSERT INTO event_metas(body) SELECT meta FROM events WHERE meta IS NOT NULL GROUP BY meta ORDER BY min(seq);

CREATE TABLE event_log (
    seq            INTEGER PRIMARY KEY,
    kind_id        INTEGER NOT NULL,  -- event_kinds.id
    stream         TEXT NOT NULL,
    version        INTEGER NOT NULL,
    recorded_at    TEXT NOT NULL,     -- UTC, ISO 8601 with milliseconds
    schema_version INTEGER NOT NULL,
    payload_id     INTEGER,           -- payloads.id; NULL only where an older file's payload row was already missing
    meta_id        INTEGER,           -- event_metas.id, or NULL for no meta
    hash           NOT NULL,          -- as ledger_format.hashes says: 32 bytes, or 64 hex digits in an upgraded file
    UNIQUE (stream, version)
);
INSERT INTO event_log(seq, kind_id, stream, version, recorded_at, schema_version, payload_id, meta_id, hash)
SELECT e.seq, k.id, e.stream, e.version, e.recorded_at, e.schema_version, p.id, m.id, e.hash
FROM events e
JOIN event_kinds k ON k.name = e.kind
LEFT JOIN payloads p ON p.hash = e.payload_hash
LEFT JOIN event_metas m ON m.body = e.meta
ORDER BY e.seq;

-- The history view read recorded_at from the table it replaces; it is recreated over event_log below.
DROP VIEW meta_ads_performance_history;
DROP TABLE events;

-- payloads as schema 3 left it (the same columns in the same order, the same ids), without UNIQUE(hash).
CREATE TABLE payloads_by_id (
    id            INTEGER PRIMARY KEY,
    hash          TEXT NOT NULL,   -- SHA-256 of the canonical JSON: 32 bytes, or 64 hex digits in an upgraded file
    encoding      TEXT NOT NULL,   -- 'json', 'zstd' or 'zstd-raw' (schema 3)
    body          BLOB NOT NULL,
    dictionary_id INTEGER REFERENCES payload_dictionaries(id)
);
INSERT INTO payloads_by_id(id, hash, encoding, body, dictionary_id)
SELECT id, hash, encoding, body, dictionary_id FROM payloads ORDER BY id;
DROP TABLE payloads;
ALTER TABLE payloads_by_id RENAME TO payloads;
CREATE TRIGGER payloads_no_update BEFORE UPDATE ON payloads
BEGIN SELECT RAISE(ABORT, 'adledger payloads are immutable'); END;
CREATE TRIGGER payloads_no_delete BEFORE DELETE ON payloads
BEGIN SELECT RAISE(ABORT, 'adledger payloads are immutable'); END;

-- Indexes, and what each serves:
--   seq (INTEGER PRIMARY KEY)   the chain walk, rebuild, export and as-of: everything that reads the log in order
--   UNIQUE (stream, version)    a stream's head (one seek, the highest version first: StreamHead) and its history
--   event_log_kind              readers of one kind other than insight.fetched (status, sync resume, as-of's replay
--                               of brand links and mappings); insight.fetched (~95 % of a log) is read in seq order
--                               anyway. A partial index serves a query whose WHERE holds its term as written here:
--                               each such reader adds `kind_id <> 1` (EventKindIndex.swift).
--   payloads_hash_prefix        an append's "is this content stored already?" (`WHERE substr(hash, 1, 8) =
--                               substr(?1, 1, 8) AND +hash = ?1`: the `+` keeps SQLite from propagating ?1 into
--                               the indexed expression); verify naming a damaged payload's first event
CREATE INDEX event_log_kind ON event_log(kind_id) WHERE kind_id <> 1;
CREATE INDEX payloads_hash_prefix ON payloads(substr(hash, 1, 8));

CREATE TRIGGER event_log_no_update BEFORE UPDATE ON event_log
BEGIN SELECT RAISE(ABORT, 'adledger events are immutable'); END;
CREATE TRIGGER event_log_no_delete BEFORE DELETE ON event_log
BEGIN SELECT RAISE(ABORT, 'adledger events are immutable'); END;
CREATE TRIGGER event_metas_no_update BEFORE UPDATE ON event_metas
BEGIN SELECT RAISE(ABORT, 'adledger events are immutable'); END;
CREATE TRIGGER event_metas_no_delete BEFORE DELETE ON event_metas
BEGIN SELECT RAISE(ABORT, 'adledger events are immutable'); END;
CREATE TRIGGER event_kinds_no_update BEFORE UPDATE ON event_kinds
BEGIN SELECT RAISE(ABORT, 'adledger events are immutable'); END;
CREATE TRIGGER event_kinds_no_delete BEFORE DELETE ON event_kinds
BEGIN SELECT RAISE(ABORT, 'adledger events are immutable'); END;

-- The log as schema 1 defined it. prev_hash: the genesis (zeros, as the file stores hashes) for seq 1, else the
-- hash of seq - 1 (NULL where that event is missing: `verify` reports the gap).
CREATE VIEW events AS
SELECT
    e.seq AS seq, k.name AS kind, e.stream AS stream, e.version AS version, e.recorded_at AS recorded_at,
    e.schema_version AS schema_version, p.hash AS payload_hash, m.body AS meta,
    CASE WHEN e.seq = 1
        THEN (SELECT CASE f.value WHEN 'blob' THEN zeroblob(32) ELSE '0000000000000000000000000000000000000000000000000000000000000000' END
              FROM ledger_format f WHERE f.name = 'hashes')
        ELSE (SELECT b.hash FROM event_log b WHERE b.seq = e.seq - 1)
    END AS prev_hash,
    e.hash AS hash
FROM event_log e
LEFT JOIN event_kinds k ON k.id = e.kind_id
LEFT JOIN payloads p ON p.id = e.payload_id
LEFT JOIN event_metas m ON m.id = e.meta_id;

-- Changing the view changes nothing: the log is appended by adledger and never changed.
CREATE TRIGGER events_no_insert INSTEAD OF INSERT ON events
BEGIN SELECT RAISE(ABORT, 'adledger events are immutable: adledger appends them (to event_log)'); END;
CREATE TRIGGER events_no_update INSTEAD OF UPDATE ON events
BEGIN SELECT RAISE(ABORT, 'adledger events are immutable'); END;
CREATE TRIGGER events_no_delete INSTEAD OF DELETE ON events
BEGIN SELECT RAISE(ABORT, 'adledger events are immutable'); END;

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
    p.video_p100_watched, (SELECT e.recorded_at FROM event_log e WHERE e.seq = p.source_seq), NULL, p.source_seq,
    p.landing_page_views, p.initiate_checkouts, p.content_views, p.cost_per_initiate_checkout,
    p.cost_per_landing_page_view, p.video_3s_views, p.video_thruplays, p.hook_rate, p.hold_rate, p.cpc,
    p.attribution
FROM meta_ads_performance p;
