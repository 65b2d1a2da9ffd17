/// A kind of Meta object the ledger records as events when it changes (DESIGN §2).
package enum MetaObjectKind: Sendable, CaseIterable {
    case campaign, adset, ad, adcreative

    /// `campaign.fetched`, `adset.fetched`, `ad.fetched`, `adcreative.fetched`.
    var eventKind: EventKind {
        switch self {
        case .campaign: .campaignFetched
        case .adset: .adsetFetched
        case .ad: .adFetched
        case .adcreative: .adcreativeFetched
        }
    }

    /// The stream prefix: `campaign:<id>`, `adset:<id>`, `meta_ad:<id>`, `adcreative:<id>`.
    var streamPrefix: String {
        switch self {
        case .campaign: "campaign"
        case .adset: "adset"
        case .ad: "meta_ad"
        case .adcreative: "adcreative"
        }
    }

    /// The payload member holding the raw object, beside `account_id`.
    var payloadKey: String {
        switch self {
        case .campaign: "campaign"
        case .adset: "adset"
        case .ad: "ad"
        case .adcreative: "adcreative"
        }
    }
}
