import JSON
import Matching

/// Computes `match_suggestions` from ad names, `generated_ads`, brand links, links and rejections (DESIGN §5):
/// for every ad (``rebuild()``), or for the ads whose names may have changed while the other inputs did not
/// (``refresh(ads:)``); both give the rows a rebuild gives.
struct SuggestionBuilder {
    let connection: Connection
    let tables: ProjectionTables

    /// Event kinds whose changes can change suggestions.
    static let inputKinds: [EventKind] = [
        .brandAccountLinked, .brandAccountUnlinked, .creativeRegistered, .mappingLinked, .mappingUnlinked,
        .mappingRejected, .insightFetched,
    ]

    /// Recomputes every ad's suggestions, in `meta_ad_id` order.
    func rebuild() throws(LedgerError) {
        let inputs = try Inputs(connection: connection, tables: tables)
        try connection.execute("DELETE FROM \(tables("match_suggestions"))")
        let insert = try insertStatement()
        // The latest name of each ad: SQLite takes the bare columns from the row with max(date).
        let ads = try connection.prepare(
            """
            SELECT meta_ad_id, meta_ad_account_id, ad_name, max(date) FROM \(tables("meta_ads_performance"))
            WHERE ad_name IS NOT NULL GROUP BY meta_ad_id ORDER BY meta_ad_id
            """)
        while try ads.step() {
            guard let ad = ads.text(at: 0), let name = ads.text(at: 2) else { continue }
            try inputs.insert(ad: ad, account: ads.text(at: 1) ?? "", name: name, with: insert)
        }
    }

    /// Recomputes the suggestions of `ads` only: what a rebuild gives when, since the table was last up to date,
    /// only the performance rows of `ads` changed (an ingest or sync appended their `insight.fetched` events and
    /// nothing else suggestions depend on). An ad's suggestions depend on its own latest name and on inputs no insight
    /// changes, so every other ad's rows stay as they are. A daily sync of a few thousand ads then reads their rows,
    /// by the `(meta_ad_id, date)` index, instead of the latest name of every ad the ledger holds.
    func refresh(ads: Set<String>) throws(LedgerError) {
        guard !ads.isEmpty else { return }
        let inputs = try Inputs(connection: connection, tables: tables)
        let sorted = ads.sorted()
        // One pass over the table (it has no index): its rows of the ads, whatever they were, go.
        try connection.prepare(
            "DELETE FROM \(tables("match_suggestions")) WHERE meta_ad_id IN (SELECT value FROM json_each(?))"
        ).run([.text(JSONValue.array(sorted.map(JSONValue.string)).canonicalText)])
        let insert = try insertStatement()
        let latest = try connection.prepare(
            """
            SELECT meta_ad_account_id, ad_name FROM \(tables("meta_ads_performance"))
            WHERE meta_ad_id = ? AND ad_name IS NOT NULL ORDER BY date DESC LIMIT 1
            """)
        for ad in sorted {
            try latest.bind([.text(ad)])
            defer { latest.reset() }
            guard try latest.step(), let name = latest.text(at: 1) else { continue }
            try inputs.insert(ad: ad, account: latest.text(at: 0) ?? "", name: name, with: insert)
        }
    }

    private func insertStatement() throws(LedgerError) -> Statement {
        try connection.prepare(
            """
            INSERT INTO \(tables("match_suggestions"))(meta_ad_id, meta_ad_account_id, ad_name, generated_ad_id,
                short_id, kind) VALUES (?, ?, ?, ?, ?, ?)
            """)
    }

    /// What suggestions depend on besides ad names: the creatives, each account's brands, each ad's rejections and
    /// the linked ads (which get none).
    private struct Inputs {
        let suggester: MatchSuggester
        var brands: [String: Set<String>] = [:]
        var rejected: [String: Set<String>] = [:]
        var linked = Set<String>()

        init(connection: Connection, tables: ProjectionTables) throws(LedgerError) {
            var creatives: [CreativeRef] = []
            let creativeRows = try connection.prepare(
                "SELECT id, short_id, brand_id FROM \(tables("generated_ads")) ORDER BY id")
            while try creativeRows.step() {
                creatives.append(
                    CreativeRef(
                        id: creativeRows.text(at: 0) ?? "", shortId: creativeRows.text(at: 1) ?? "",
                        brandId: creativeRows.text(at: 2) ?? ""))
            }
            suggester = MatchSuggester(creatives: creatives)
            for row in try connection.rows("SELECT meta_ad_account_id, brand_id FROM \(tables("brand_ad_accounts"))") {
                if let account = row[0].text, let brand = row[1].text { brands[account, default: []].insert(brand) }
            }
            for row in try connection.rows("SELECT meta_ad_id, generated_ad_id FROM \(tables("match_rejections"))") {
                if let ad = row[0].text, let creative = row[1].text { rejected[ad, default: []].insert(creative) }
            }
            for row in try connection.rows("SELECT meta_ad_id FROM \(tables("meta_ad_mapping"))") {
                if let ad = row[0].text { linked.insert(ad) }
            }
        }

        /// Inserts the suggestions of `ad`, of `account`, named `name` (none when it is linked).
        func insert(ad: String, account: String, name: String, with statement: Statement) throws(LedgerError) {
            guard !linked.contains(ad) else { return }
            let suggestions = suggester.suggest(
                adName: name, accountBrandIds: brands[account] ?? [], rejected: rejected[ad] ?? [])
            for suggestion in suggestions {
                try statement.run([
                    .text(ad), .text(account), .text(name), suggestion.generatedAdId.map(SQLValue.text) ?? .null,
                    .text(suggestion.shortId), .text(suggestion.kind.rawValue),
                ])
            }
        }
    }
}
