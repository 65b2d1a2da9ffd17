-- adledger events in DuckDB: every export file in a folder (plain or .gz), one row per event.
-- duckdb warehouse.duckdb < docs/warehouse/events.duckdb.sql   (run where the export folder `out/` is)
CREATE OR REPLACE TABLE events AS
SELECT * FROM read_json('out/events-*.ndjson*', format = 'newline_delimited', columns = {
    seq: 'BIGINT', kind: 'VARCHAR', stream: 'VARCHAR', version: 'BIGINT', recorded_at: 'TIMESTAMPTZ',
    schema_version: 'INTEGER', payload_hash: 'VARCHAR', payload: 'JSON', meta: 'JSON',
    prev_hash: 'VARCHAR', hash: 'VARCHAR'
});
