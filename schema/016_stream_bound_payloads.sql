-- adledger schema 16: an insight row's payload leaves the hash index. Its content names its stream (the row's ad,
-- date and breakdown make `ad:<id>:<date>[:<part>]`), so the only events that can hold the same content are its own
-- stream's earlier versions: an append looks for it among those (one seek in event_log's UNIQUE(stream, version),
-- then each version's payload row by id), and a stream's first payload is stored without a lookup, as before.
--
-- `payloads_hash_prefix` held every payload's first 8 hash bytes, in random order: each file of 5,000 new rows
-- rewrote most of its pages, a cost that grew with the ledger (7% of a 200k-row ingest). It now holds only the
-- payloads found by hash: every other kind's (`stream_bound` NULL), and every payload an older release stored.
ALTER TABLE payloads ADD COLUMN stream_bound INTEGER;  -- 1: content that names its stream (found through its events)
DROP INDEX payloads_hash_prefix;
CREATE INDEX payloads_hash_prefix ON payloads(substr(hash, 1, 8)) WHERE stream_bound IS NULL;
