-- adledger schema 3: compressed payloads and 32-byte hashes.
-- zstd dictionaries, one trained per payload kind once enough samples exist (and again when the ratio degrades).
-- Content-addressed and immutable like payloads: a payload in the `zstd` encoding names the one it was
-- compressed with, so every dictionary ever used stays.
CREATE TABLE payload_dictionaries (
    id         INTEGER PRIMARY KEY,
    hash       BLOB NOT NULL UNIQUE,  -- SHA-256 of body
    kind       TEXT NOT NULL,         -- the event kind whose payloads it was trained on
    samples    INTEGER NOT NULL,      -- how many payloads it was trained on
    trained_at TEXT NOT NULL,
    body       BLOB NOT NULL
);
CREATE TRIGGER payload_dictionaries_no_update BEFORE UPDATE ON payload_dictionaries
BEGIN SELECT RAISE(ABORT, 'adledger payload dictionaries are immutable'); END;
CREATE TRIGGER payload_dictionaries_no_delete BEFORE DELETE ON payload_dictionaries
BEGIN SELECT RAISE(ABORT, 'adledger payload dictionaries are immutable'); END;

-- payloads.encoding is now 'json' (canonical JSON text) or 'zstd' (compressed with dictionary_id's dictionary).
-- Later releases add 'zstd-raw' (no schema change): the same frame without zstd's 4-byte magic number, written
-- since; every release reads all three, and `adledger compact` rewrites 'zstd' payloads as 'zstd-raw'.
ALTER TABLE payloads ADD COLUMN dictionary_id INTEGER REFERENCES payload_dictionaries(id);

-- How this file stores what the code reads the same either way. `hashes`: 'blob' (32 raw bytes) in ledgers
-- created or compacted by schema 3 and later, 'hex' (64-character text, as schema 2 wrote them) in ledgers that
-- already held events when they were upgraded; `adledger compact` rewrites those. The chain hash is defined over
-- the hex text either way, so both hold the same hashes.
CREATE TABLE ledger_format (
    name  TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;
INSERT INTO ledger_format VALUES ('hashes', CASE WHEN EXISTS (SELECT 1 FROM events) THEN 'hex' ELSE 'blob' END);
