-- adledger events, loaded from `adledger export events` output with FORMAT JSONEachRow (docs/WAREHOUSE.md).
-- ReplacingMergeTree keyed by seq: loading the same file twice keeps one row per event after merges
-- (query with FINAL for an exact count before they happen).
CREATE TABLE IF NOT EXISTS adledger_events
(
    seq            UInt64,
    kind           LowCardinality(String),
    stream         String,
    version        UInt32,
    recorded_at    DateTime64(3, 'UTC'),
    schema_version UInt16,
    payload_hash   FixedString(64),
    payload        String,            -- the payload's JSON text; read it with JSONExtract*(payload, …)
    meta           Nullable(String),  -- the meta's JSON text
    prev_hash      FixedString(64),
    hash           FixedString(64)
)
ENGINE = ReplacingMergeTree
ORDER BY seq;
