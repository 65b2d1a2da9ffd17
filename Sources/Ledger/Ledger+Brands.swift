import Foundation
import JSON
import Normalization

extension Ledger {
    /// Links a brand to an ad account (`brand.account_linked`). Linking again updates the name or role.
    public func linkBrand(_ brand: String, account: String, name: String?, primary: Bool) throws(LedgerError)
        -> BrandLink
    {
        let brandId = try Self.checkBrand(brand)
        let accountId = try AccountId.parse(account)
        try write { (writer: LedgerWriter) throws(LedgerError) in
            try writer.record(
                NewEvent(
                    kind: .brandAccountLinked, stream: "brand:\(brandId)",
                    payload: .object([
                        ("brand_id", .string(brandId)), ("meta_ad_account_id", .string(accountId)),
                        ("account_name", name.map(JSONValue.string) ?? .null), ("is_primary", .bool(primary)),
                    ])))
        }
        try refreshSuggestionsIfStale()
        return try brands().first { $0.brandId == brandId && $0.accountId == accountId }
            ?? BrandLink(brandId: brandId, accountId: accountId, accountName: name, isPrimary: primary, linkedAt: now)
    }

    /// Removes a link (`brand.account_unlinked`); fails when there is none.
    public func unlinkBrand(_ brand: String, account: String) throws(LedgerError) {
        let brandId = try Self.checkBrand(brand)
        let accountId = try AccountId.parse(account)
        try write { (writer: LedgerWriter) throws(LedgerError) in
            let exists = try connection.scalar(
                "SELECT 1 FROM brand_ad_accounts WHERE brand_id = ? AND meta_ad_account_id = ?",
                [.text(brandId), .text(accountId)]) != nil
            guard exists else {
                throw .notFound(what: "link \(brandId) → \(accountId)", hint: "see `adledger brand list`")
            }
            try writer.record(
                NewEvent(
                    kind: .brandAccountUnlinked, stream: "brand:\(brandId)",
                    payload: .object([("brand_id", .string(brandId)), ("meta_ad_account_id", .string(accountId))])))
        }
        try refreshSuggestionsIfStale()
    }

    static func checkBrand(_ brand: String) throws(LedgerError) -> String {
        let trimmed = brand.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty, trimmed.count <= 64, !trimmed.contains(where: { $0.isWhitespace || $0 == ":" }) else {
            throw .invalidInput(source: "brand \"\(brand)\"", reason: "a brand id is 1–64 characters without spaces or ':'")
        }
        return trimmed
    }
}
