import Ledger

extension BrandLink: TableRow {
    static let columns = ["brand_id", "meta_ad_account_id", "account_name", "is_primary", "linked_at"]

    var cells: [SQLValue] {
        [
            .text(brandId), .text(accountId), accountName.map(SQLValue.text) ?? .null, .integer(isPrimary ? 1 : 0),
            .text(linkedAt),
        ]
    }
}
