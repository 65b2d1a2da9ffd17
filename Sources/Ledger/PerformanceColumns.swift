import Foundation
import Normalization

/// The columns shared by `meta_ads_performance` and its history, and how a normalized row binds to them.
enum PerformanceColumns {
    static let identity = [
        "meta_ad_account_id", "brand_id", "meta_ad_id", "ad_name", "meta_adset_id", "adset_name",
        "meta_campaign_id", "campaign_name", "date", "currency",
    ]
    static let metrics = NormalizedInsight.metricColumns.map(\.name)
    /// Every value column in table order. No raw arrays: the row's payload (one `source_seq`/`seq` away) holds
    /// them, and the `meta_ads_actions` view reads them from there.
    static let all = identity + metrics

    /// The values for `all`, in order.
    static func values(of row: NormalizedInsight, accountId: String, brandId: String?) -> [SQLValue] {
        var values: [SQLValue] = [
            .text(accountId), brandId.map(SQLValue.text) ?? .null, text(row.metaAdId), text(row.adName),
            text(row.metaAdsetId), text(row.adsetName), text(row.metaCampaignId), text(row.campaignName),
            text(row.date), text(row.currency),
        ]
        for column in NormalizedInsight.metricColumns { values.append(sqlValue(column.value(row))) }
        return values
    }

    private static func text(_ value: String?) -> SQLValue { value.map(SQLValue.text) ?? .null }

    /// An exact decimal as SQLite stores it: an integer when it is one, else the nearest double.
    static func sqlValue(_ decimal: Decimal?) -> SQLValue {
        guard let decimal else { return .null }
        switch ExactDecimal.storageValue(of: decimal) {
        case .integer(let value): return .integer(value)
        case .real(let value): return .real(value)
        }
    }
}
