import Matching

/// Computes `match_suggestions` from ad names, `generated_ads`, brand links, links and rejections (DESIGN §5).
/// A full recompute in a fixed order, so a rebuild gives the same rows as the live table.
struct SuggestionBuilder {
    let connection: Connection
    let tables: ProjectionTables

    /// Event kinds whose changes can change suggestions.
    static let inputKinds: [EventKind] = [
        .brandAccountLinked, .brandAccountUnlinked, .creativeRegistered, .mappingLinked, .mappingUnlinked,
        .mappingRejected, .insightFetched,
    ]

    func rebuild() throws(LedgerError) {
        var creatives: [CreativeRef] = []
        let creativeRows = try connection.prepare("SELECT id, short_id, brand_id FROM \(tables("generated_ads")) ORDER BY id")
        while try creativeRows.step() {
            creatives.append(
                CreativeRef(
                    id: creativeRows.text(at: 0) ?? "", shortId: creativeRows.text(at: 1) ?? "",
                    brandId: creativeRows.text(at: 2) ?? ""))
        }
        let suggester = MatchSuggester(creatives: creatives)

        var brands: [String: Set<String>] = [:]
        for row in try connection.rows("SELECT meta_ad_account_id, brand_id FROM \(tables("brand_ad_accounts"))") {
            if let account = row[0].text, let brand = row[1].text { brands[account, default: []].insert(brand) }
        }
        var rejected: [String: Set<String>] = [:]
        for row in try connection.rows("SELECT meta_ad_id, generated_ad_id FROM \(tables("match_rejections"))") {
            if let ad = row[0].text, let creative = row[1].text { rejected[ad, default: []].insert(creative) }
        }
        var linked = Set<String>()
        for row in try connection.rows("SELECT meta_ad_id FROM \(tables("meta_ad_mapping"))") {
            if let ad = row[0].text { linked.insert(ad) }
        }

        try connection.execute("DELETE FROM \(tables("match_suggestions"))")
        let insert = try connection.prepare(
            """
            INSERT INTO \(tables("match_suggestions"))(meta_ad_id, meta_ad_account_id, ad_name, generated_ad_id,
                short_id, kind) VALUES (?, ?, ?, ?, ?, ?)
            """)
        // The latest name of each ad: SQLite takes the bare columns from the row with max(date).
        let ads = try connection.prepare(
            """
            SELECT meta_ad_id, meta_ad_account_id, ad_name, max(date) FROM \(tables("meta_ads_performance"))
            WHERE ad_name IS NOT NULL GROUP BY meta_ad_id ORDER BY meta_ad_id
            """)
        while try ads.step() {
            guard let ad = ads.text(at: 0), let name = ads.text(at: 2), !linked.contains(ad) else { continue }
            let account = ads.text(at: 1) ?? ""
            let suggestions = suggester.suggest(
                adName: name, accountBrandIds: brands[account] ?? [], rejected: rejected[ad] ?? [])
            for suggestion in suggestions {
                try insert.run([
                    .text(ad), .text(account), .text(name), suggestion.generatedAdId.map(SQLValue.text) ?? .null,
                    .text(suggestion.shortId), .text(suggestion.kind.rawValue),
                ])
            }
        }
    }
}
