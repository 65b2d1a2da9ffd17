extension LedgerReader {
    /// Every link, by brand then account.
    public func brands() throws(LedgerError) -> [BrandLink] {
        try connection.rows(
            """
            SELECT brand_id, meta_ad_account_id, account_name, is_primary, linked_at FROM brand_ad_accounts
            ORDER BY brand_id, is_primary DESC, meta_ad_account_id
            """
        ).map { row in
            BrandLink(
                brandId: row[0].plainText, accountId: row[1].plainText, accountName: row[2].text,
                isPrimary: row[3].integer == 1, linkedAt: row[4].plainText)
        }
    }

    /// The accounts linked to a brand, primary first.
    public func accounts(ofBrand brand: String) throws(LedgerError) -> [String] {
        try connection.rows(
            "SELECT meta_ad_account_id FROM brand_ad_accounts WHERE brand_id = ? ORDER BY is_primary DESC, meta_ad_account_id",
            [.text(brand)]
        ).compactMap { $0[0].text }
    }
}
