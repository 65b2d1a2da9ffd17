import JSON

/// Applies `insight.vanished` and `sync.chunk_completed` to `meta_ads_performance`: which rows a covering fetch
/// missed, and when the rest were last returned. Only rows from before the event change (as-of applies these to
/// rows copied from a later point).
final class CoverageProjection {
    private let statements: StatementCache
    private let tables: ProjectionTables

    init(statements: StatementCache, tables: ProjectionTables) {
        self.statements = statements
        self.tables = tables
    }

    /// A row's values stay (the money was spent); `vanished_at` records when a covering fetch missed it.
    func applyVanished(_ p: JSONValue, event: StoredEvent) throws(LedgerError) {
        try statements.run(
            """
            UPDATE \(tables("meta_ads_performance")) SET vanished_at = ?
            WHERE meta_ad_id = ? AND date = ? AND source_seq < ?
            """,
            [.text(event.recordedAt), p.sqlText("meta_ad_id"), p.sqlText("date"), .integer(event.seq)])
    }

    /// `sync.chunk_completed` says which account-days a fetch covered: rows there that did not vanish were
    /// returned again, so their `fetched_at` moves to that fetch even when nothing changed.
    func applyCoverage(_ p: JSONValue, event: StoredEvent) throws(LedgerError) {
        try statements.run(
            """
            UPDATE \(tables("meta_ads_performance")) SET fetched_at = ?1
            WHERE meta_ad_account_id = ?2 AND date BETWEEN ?3 AND ?4 AND vanished_at IS NULL AND fetched_at < ?1
                AND source_seq < ?5
            """,
            [p.sqlText("fetched_at"), p.sqlText("account_id"), p.sqlText("since"), p.sqlText("until"),
             .integer(event.seq)])
    }
}

@available(*, unavailable)
extension CoverageProjection: Sendable {}
