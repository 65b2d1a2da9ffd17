import Normalization

/// The `projection_state` table, written in one place with one meaning: for each projection, `last_seq` is the
/// log's tip when the projection was last brought up to date (it reflects every event with seq ≤ `last_seq`),
/// and `normalizer_version` the normalizer its rows were computed with.
///
/// The incrementally kept tables are brought up to date by every write transaction; `match_suggestions` is
/// recomputed only when an event it depends on came after its `last_seq` (see `Ledger.suggestionsAreStale`).
/// An incremental write keeps a projection's `normalizer_version`: rows an older normalizer computed stay as
/// they are until `rebuild` recomputes every row (`rebuilt: true`).
enum ProjectionState {
    /// Records that the projections `names` reflect every event up to `lastSeq`; with `rebuilt`, that every
    /// row was computed by the current normalizer.
    static func record(_ names: [String], through lastSeq: Int64, rebuilt: Bool = false, on connection: Connection)
        throws(LedgerError)
    {
        let version = rebuilt ? ", normalizer_version = excluded.normalizer_version" : ""
        let upsert = try connection.prepare(
            """
            INSERT INTO main.projection_state(name, last_seq, normalizer_version) VALUES (?, ?, ?)
            ON CONFLICT(name) DO UPDATE SET last_seq = excluded.last_seq\(version)
            """)
        for name in names {
            try upsert.run([.text(name), .integer(lastSeq), .integer(Int64(Normalizer.version))])
        }
    }

    /// The normalizer version the live performance rows were computed with (the oldest of the two tables);
    /// nil for a ledger that never projected an insight table.
    static func performanceNormalizerVersion(on connection: Connection) throws(LedgerError) -> Int? {
        try connection.scalar(
            """
            SELECT min(normalizer_version) FROM main.projection_state
            WHERE name IN ('meta_ads_performance', 'meta_ads_performance_history')
            """)?.integer.map { Int($0) }
    }

    /// The projections every write transaction keeps up to date (all but `match_suggestions`).
    static let incremental = ProjectionTables.projections.filter { $0 != "match_suggestions" }
}
