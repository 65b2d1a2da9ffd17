/// The `event_log_kind` index (schemas 12 and 13) holds every event but `insight.fetched` (~95 % of a ledger's
/// events, which a reader of that kind reads in seq order anyway). SQLite uses a partial index only for a query whose
/// WHERE holds the index's own term, spelled the same, so each reader of another kind adds ``term(_:)`` to its own
/// filter.
enum EventKindIndex {
    /// The kind the index leaves out.
    static let excluded = EventKind.insightFetched

    /// The index's WHERE term for `event_log` under `alias` (e.g. `e`), as schema 13 spells it.
    static func term(_ alias: String? = nil) -> String {
        "\(alias.map { "\($0)." } ?? "")kind_id <> \(excluded.id)"
    }

    /// ` AND` ``term(_:)`` when none of `kinds` is the excluded one (the index then holds every event they name),
    /// and nothing otherwise.
    static func and(_ alias: String? = nil, kinds: [EventKind]) -> String {
        kinds.contains(excluded) ? "" : " AND " + term(alias)
    }

    /// The filter for events of `kind` under `alias`, with the index's term when it applies.
    static func matching(_ alias: String, kind: EventKind) -> String {
        "\(alias).kind_id = \(kind.id)" + and(alias, kinds: [kind])
    }

    /// ``matching(_:kind:)`` for the kind named `kind`; `0` (nothing) for a name no release writes.
    static func matching(_ alias: String, kind: String) -> String {
        EventKind(rawValue: kind).map { matching(alias, kind: $0) } ?? "0"
    }

    /// `kinds`' ids as an SQL list (`3, 4`), for `kind_id IN (…)`.
    static func ids(_ kinds: [EventKind]) -> String { kinds.map { String($0.id) }.joined(separator: ", ") }
}
