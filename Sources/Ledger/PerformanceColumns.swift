import Foundation
import Normalization

/// The columns shared by `meta_ads_performance` and its history, and how a normalized row binds to them.
enum PerformanceColumns {
    /// The projections that hold these columns.
    static let tables = ["meta_ads_performance", "meta_ads_performance_history"]
    static let identity = [
        "meta_ad_account_id", "brand_id", "meta_ad_id", "ad_name", "meta_adset_id", "adset_name",
        "meta_campaign_id", "campaign_name", "date", "currency",
    ]
    static let metrics = NormalizedInsight.metricColumns.map(\.name)
    /// What the row was fetched under (normalizer version 2).
    static let context = ["attribution"]
    /// Every value column: the order the projector binds them in. No raw arrays: the row's payload (one
    /// `source_seq`/`seq` away) holds them, and the `meta_ads_actions` view reads them from there.
    static let all = identity + metrics + context
    /// Where `values(of:accountId:brandId:)` puts the brand, the currency and the attribution.
    static let brandIndex = 1
    static let currencyIndex = 9
    static let attributionIndex = all.count - 1

    /// The value columns a projection computed by normalizer `version` lacks (empty when it is current).
    static func added(since version: Int) -> [String] {
        let metrics = NormalizedInsight.metricColumns.filter { $0.since > version }.map(\.name)
        return metrics + (version < 2 ? context : [])
    }

    /// The values for `all`, in order.
    static func values(of row: NormalizedInsight, accountId: String, brandId: String?) -> [SQLValue] {
        // One allocation of the final size (a literal of the identity, then appends, reallocated it twice a row).
        var values: [SQLValue] = []
        values.reserveCapacity(all.count)
        values.append(.text(accountId))
        values.append(brandId.map(SQLValue.text) ?? .null)
        values.append(text(row.metaAdId))
        values.append(text(row.adName))
        values.append(text(row.metaAdsetId))
        values.append(text(row.adsetName))
        values.append(text(row.metaCampaignId))
        values.append(text(row.campaignName))
        values.append(text(row.date))
        values.append(text(row.currency))
        // Each column read where the list holds it: `for column in` copied it out, retaining and releasing its name
        // and its closure, some seventy atomic operations a row.
        NormalizedInsight.metricColumns.withUnsafeBufferPointer { columns in
            guard let base = columns.baseAddress else { return }
            for index in columns.indices { values.append(sqlValue((base + index).pointee.value(row))) }
        }
        values.append(text(row.attribution))
        return values
    }

    private static func text(_ value: String?) -> SQLValue { value.map(SQLValue.text) ?? .null }

    /// An exact decimal as SQLite stores it: an integer when it is one, else the nearest double.
    static func sqlValue(_ decimal: ExactDecimal?) -> SQLValue {
        guard let decimal else { return .null }
        switch ExactDecimal.storageValue(of: decimal) {
        case .integer(let value): return .integer(value)
        case .real(let value): return .real(value)
        }
    }
}
