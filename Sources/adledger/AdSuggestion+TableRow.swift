import Ledger
import Matching

extension AdSuggestion: TableRow {
    static let columns = ["meta_ad_id", "meta_ad_account_id", "ad_name", "generated_ad_id", "short_id", "kind"]

    var cells: [SQLValue] {
        [
            .text(metaAdId), accountId.map(SQLValue.text) ?? .null, adName.map(SQLValue.text) ?? .null,
            suggestion.generatedAdId.map(SQLValue.text) ?? .null, .text(suggestion.shortId),
            .text(suggestion.kind.rawValue),
        ]
    }
}
