-- adledger schema 11: a stream's head is read from the log. `stream_heads` (schema 1) kept each stream's latest
-- version, payload hash and seq beside the events, for one-lookup "unchanged?" checks: 79 of the 1,136 bytes per
-- version at 200k versions (66 of them the rows, the rest the slack keys arriving in random order leave). The
-- events table's UNIQUE(stream, version) index answers the same question with one seek (`WHERE stream = ? ORDER BY
-- version DESC LIMIT 1`, no sort), and the payload hash is one rowid lookup from there. With no copy there is
-- nothing to keep in step with the log, and nothing for `verify` to compare with it.
DROP TABLE stream_heads;
