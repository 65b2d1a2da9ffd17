-- adledger schema 1: the append-only event log.
-- Payload bodies are stored once per distinct canonical JSON (content-addressed by SHA-256).
CREATE TABLE payloads (
    id       INTEGER PRIMARY KEY,
    hash     TEXT NOT NULL UNIQUE,   -- hex SHA-256 of the canonical JSON
    encoding TEXT NOT NULL,          -- how body is stored: 'json' (canonical JSON text)
    body     BLOB NOT NULL
);

CREATE TABLE events (
    seq            INTEGER PRIMARY KEY,
    kind           TEXT NOT NULL,
    stream         TEXT NOT NULL,
    version        INTEGER NOT NULL,
    recorded_at    TEXT NOT NULL,    -- UTC, ISO 8601 with milliseconds
    schema_version INTEGER NOT NULL, -- version of this kind's payload schema
    payload_hash   TEXT NOT NULL REFERENCES payloads(hash),
    meta           TEXT,             -- canonical JSON or NULL
    prev_hash      TEXT NOT NULL,
    hash           TEXT NOT NULL,
    UNIQUE (stream, version)
);
CREATE INDEX events_kind ON events(kind);
CREATE INDEX events_recorded_at ON events(recorded_at);

CREATE TRIGGER events_no_update BEFORE UPDATE ON events
BEGIN SELECT RAISE(ABORT, 'adledger events are immutable'); END;
CREATE TRIGGER events_no_delete BEFORE DELETE ON events
BEGIN SELECT RAISE(ABORT, 'adledger events are immutable'); END;
CREATE TRIGGER payloads_no_update BEFORE UPDATE ON payloads
BEGIN SELECT RAISE(ABORT, 'adledger payloads are immutable'); END;
CREATE TRIGGER payloads_no_delete BEFORE DELETE ON payloads
BEGIN SELECT RAISE(ABORT, 'adledger payloads are immutable'); END;

-- The head of each stream: its latest version and payload, so an unchanged re-fetch is one lookup.
-- Derived from events (verify checks it), kept beside them in the same transaction.
CREATE TABLE stream_heads (
    stream       TEXT PRIMARY KEY,
    version      INTEGER NOT NULL,
    payload_hash TEXT NOT NULL,
    seq          INTEGER NOT NULL
) WITHOUT ROWID;
