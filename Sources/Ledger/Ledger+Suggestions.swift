import Matching

extension Ledger {
    /// The match suggestions for unlinked Meta ads, brought up to date first, by ad then creative;
    /// only those of `kind` when given.
    public func suggestions(kind: MatchKind? = nil) throws(LedgerError) -> [AdSuggestion] {
        try refreshSuggestionsIfStale()
        let rows = try connection.rows(
            """
            SELECT meta_ad_id, meta_ad_account_id, ad_name, generated_ad_id, short_id, kind FROM match_suggestions
            WHERE ?1 IS NULL OR kind = ?1 ORDER BY meta_ad_id, generated_ad_id
            """, [kind.map { .text($0.rawValue) } ?? .null])
        var suggestions: [AdSuggestion] = []
        for row in rows {
            guard let kind = row[5].text.flatMap(MatchKind.init(rawValue:)) else {
                throw .corrupt(path: path, message: "match_suggestions holds an unknown kind \(row[5].plainText)")
            }
            suggestions.append(
                AdSuggestion(
                    metaAdId: row[0].plainText, accountId: row[1].text, adName: row[2].text,
                    suggestion: MatchSuggestion(generatedAdId: row[3].text, shortId: row[4].plainText, kind: kind)))
        }
        return suggestions
    }
}

extension Ledger {
    /// Recomputes `match_suggestions` now, whatever its state (benchmarks; writers refresh it when stale).
    package func recomputeSuggestions() throws(LedgerError) {
        try connection.transaction { () throws(LedgerError) in
            try SuggestionBuilder(connection: connection, tables: .live).rebuild()
        }
    }
}
