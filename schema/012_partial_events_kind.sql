-- adledger schema 12: `events_kind` leaves out insight.fetched. ~95 % of a ledger's events are insight.fetched, and
-- what reads them by kind (the dictionary sampler, `events --kind insight.fetched`, `export events --kind`) reads
-- them in seq order anyway; the index served the other kinds (27 of the 1,057 bytes per version at 200k versions,
-- nearly all of it insight.fetched entries). A partial index is used only by a query whose WHERE holds its term
-- as written here, so each reader of another kind adds `kind <> 'insight.fetched'` (EventKindIndex.swift).
DROP INDEX events_kind;
CREATE INDEX events_kind ON events(kind) WHERE kind <> 'insight.fetched';
