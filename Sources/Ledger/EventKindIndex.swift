/// The `events_kind` index (schema 12) holds every event but `insight.fetched` (~95 % of a ledger's events, which a
/// reader of that kind reads in seq order anyway). SQLite uses a partial index only for a query whose WHERE holds
/// the index's own term, spelled the same, so each reader of another kind adds ``term(_:)`` to its own filter.
enum EventKindIndex {
    /// The kind the index leaves out.
    static let excluded = EventKind.insightFetched

    /// The index's WHERE term for the events table under `alias` (e.g. `e`), as schema 12 spells it.
    static func term(_ alias: String? = nil) -> String {
        "\(alias.map { "\($0)." } ?? "")kind <> '\(excluded.rawValue)'"
    }

    /// ` AND` ``term(_:)`` when none of `kinds` is the excluded one (the index then holds every event they name),
    /// and nothing otherwise.
    static func and(_ alias: String? = nil, kinds: [String]) -> String {
        kinds.contains(excluded.rawValue) ? "" : " AND " + term(alias)
    }
}
