import Normalization
import JSON

/// Applies `account.fetched`, `brand.account_linked` and `brand.account_unlinked` to `meta_ad_accounts` and
/// `brand_ad_accounts`, and answers the brand and currency of an account as the tables hold them.
final class AccountProjection {
    private let statements: StatementCache
    private let tables: ProjectionTables
    /// Brand and currency of each account, as the tables hold them in the current transaction. Emptied by
    /// `startTransaction()`: between transactions another process may have linked a brand or fetched an account.
    private var brandCache: [String: String?] = [:]
    private var currencyCache: [String: String?] = [:]

    init(statements: StatementCache, tables: ProjectionTables) {
        self.statements = statements
        self.tables = tables
    }

    /// Forgets what was read in an earlier transaction.
    func startTransaction() {
        brandCache.removeAll(keepingCapacity: true)
        currencyCache.removeAll(keepingCapacity: true)
    }

    func applyAccount(_ p: JSONValue) throws(LedgerError) {
        guard let id = AccountId.normalize(p["id"]?.scalarText ?? p["account_id"]?.scalarText ?? "") else { return }
        let status: SQLValue = p["account_status"]?.scalarText.map { .text(AccountStatus.name(of: $0)) } ?? .null
        try statements.run(
            """
            INSERT INTO \(tables("meta_ad_accounts"))(id, name, currency, timezone_name, status) VALUES (?, ?, ?, ?, ?)
            ON CONFLICT(id) DO UPDATE SET name = excluded.name, currency = excluded.currency,
                timezone_name = excluded.timezone_name, status = excluded.status
            """, [.text(id), p.sqlText("name"), p.sqlText("currency"), p.sqlText("timezone_name"), status])
        currencyCache[id] = nil
    }

    func applyBrandLink(_ p: JSONValue, at time: String) throws(LedgerError) {
        let account = p.sqlText("meta_ad_account_id")
        let brand = p.sqlText("brand_id")
        let primary = p["is_primary"] == .bool(true)
        if primary {
            try statements.run("UPDATE \(tables("brand_ad_accounts")) SET is_primary = 0 WHERE brand_id = ?", [brand])
            // Another account of this brand may now resolve to another brand: forget every cached brand, as a new
            // write transaction would (so a rebuild gives what the live path gave).
            brandCache.removeAll(keepingCapacity: true)
        }
        try statements.run(
            """
            INSERT INTO \(tables("brand_ad_accounts"))(brand_id, meta_ad_account_id, account_name, is_primary, linked_at)
            VALUES (?, ?, ?, ?, ?) ON CONFLICT(brand_id, meta_ad_account_id) DO UPDATE SET
                account_name = excluded.account_name, is_primary = excluded.is_primary
            """, [brand, account, p.sqlText("account_name"), .integer(primary ? 1 : 0), .text(time)])
        try refreshBrand(ofAccount: account)
    }

    func applyBrandUnlink(_ p: JSONValue) throws(LedgerError) {
        let account = p.sqlText("meta_ad_account_id")
        try statements.run(
            "DELETE FROM \(tables("brand_ad_accounts")) WHERE brand_id = ? AND meta_ad_account_id = ?",
            [p.sqlText("brand_id"), account])
        try refreshBrand(ofAccount: account)
    }

    /// The brand an account's rows belong to: its primary brand link, else the earliest.
    func brand(ofAccount account: String) throws(LedgerError) -> String? {
        if let cached = brandCache[account] { return cached }
        let statement = try statements.statement(
            """
            SELECT brand_id FROM \(tables("brand_ad_accounts")) WHERE meta_ad_account_id = ?
            ORDER BY \(Self.brandOrder) LIMIT 1
            """)
        try statement.bind([.text(account)])
        let brand = try statement.step() ? statement.text(at: 0) : nil
        statement.reset()
        brandCache[account] = .some(brand)
        return brand
    }

    /// The brand of every account that has one, as ``brand(ofAccount:)`` gives it (for the ingest's preparing
    /// threads, which cannot read the tables).
    func brands() throws(LedgerError) -> [String: String] {
        var brands: [String: String] = [:]
        let links = try statements.connection.rows(
            """
            SELECT meta_ad_account_id, brand_id FROM \(tables("brand_ad_accounts"))
            ORDER BY meta_ad_account_id, \(Self.brandOrder)
            """)
        for row in links {
            guard let account = row[0].text, brands[account] == nil, let brand = row[1].text else { continue }
            brands[account] = brand
        }
        return brands
    }

    /// Which of an account's brand links gives its rows' brand: the primary one, else the earliest.
    private static let brandOrder = "is_primary DESC, linked_at, brand_id"

    /// Sets the brand of every performance row and campaign from `brand_ad_accounts` (as-of, after its replay).
    func refreshBrands() throws(LedgerError) {
        for row in try statements.connection.rows(
            "SELECT DISTINCT meta_ad_account_id FROM \(tables("meta_ads_performance"))")
        {
            try refreshBrand(ofAccount: row[0])
        }
    }

    private func refreshBrand(ofAccount accountValue: SQLValue) throws(LedgerError) {
        guard let account = accountValue.text else { return }
        brandCache[account] = nil
        let brand = try brand(ofAccount: account).map(SQLValue.text) ?? .null
        // The rows' current versions keep the brand they were fetched under (``HistoryView``).
        try statements.run(
            """
            UPDATE \(tables("meta_ads_performance"))
            SET brand_id = ?1, version_brand_id = \(HistoryView.versionBrand(afterChangeTo: "?1"))
            WHERE meta_ad_account_id = ?2 AND brand_id IS NOT ?1
            """, [brand, .text(account)])
        try statements.run(
            "UPDATE \(tables("meta_campaigns")) SET brand_id = ? WHERE meta_ad_account_id = ? AND brand_id IS NOT ?",
            [brand, .text(account), brand])
    }

    /// The currency `meta_ad_accounts` gives an account, if it was fetched.
    func currency(ofAccount account: String) throws(LedgerError) -> String? {
        if let cached = currencyCache[account] { return cached }
        let statement = try statements.statement("SELECT currency FROM \(tables("meta_ad_accounts")) WHERE id = ?")
        try statement.bind([.text(account)])
        let currency = try statement.step() ? statement.text(at: 0) : nil
        statement.reset()
        currencyCache[account] = .some(currency)
        return currency
    }
}

@available(*, unavailable)
extension AccountProjection: Sendable {}
