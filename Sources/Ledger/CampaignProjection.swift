import Foundation
import JSON
import Normalization

/// Applies `campaign.fetched` to `meta_campaigns`.
final class CampaignProjection {
    private let statements: StatementCache
    private let tables: ProjectionTables
    private let accounts: AccountProjection

    init(statements: StatementCache, tables: ProjectionTables, accounts: AccountProjection) {
        self.statements = statements
        self.tables = tables
        self.accounts = accounts
    }

    func apply(_ p: JSONValue, at time: String) throws(LedgerError) {
        guard let account = p["account_id"]?.stringValue, let campaign = p["campaign"],
            let id = campaign["id"]?.scalarText
        else { return }
        let currency = try accounts.currency(ofAccount: account)
        func budget(_ key: String) -> SQLValue {
            guard let text = campaign[key]?.scalarText, let minor = ExactDecimal.parse(text) else {
                return .null
            }
            return PerformanceColumns.sqlValue(minor.scaled(byPowerOfTen: -CurrencyOffset.decimals(of: currency)))
        }
        try statements.run(
            """
            INSERT INTO \(tables("meta_campaigns"))(meta_ad_account_id, meta_campaign_id, name, status,
                effective_status, objective, daily_budget, lifetime_budget, brand_id, synced_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT(meta_campaign_id) DO UPDATE SET meta_ad_account_id = excluded.meta_ad_account_id,
                name = excluded.name, status = excluded.status, effective_status = excluded.effective_status,
                objective = excluded.objective, daily_budget = excluded.daily_budget,
                lifetime_budget = excluded.lifetime_budget, brand_id = excluded.brand_id, synced_at = excluded.synced_at
            """,
            [.text(account), .text(id), campaign.sqlText("name"), campaign.sqlText("status"),
             campaign.sqlText("effective_status"), campaign.sqlText("objective"), budget("daily_budget"),
             budget("lifetime_budget"), try accounts.brand(ofAccount: account).map(SQLValue.text) ?? .null, .text(time)])
    }
}

@available(*, unavailable)
extension CampaignProjection: Sendable {}
