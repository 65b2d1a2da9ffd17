import JSON

/// The fields of a raw insight row that ``Normalizer`` reads, found in one pass over the row.
///
/// A row has a few dozen members; matching each key against the fields by length and then by
/// string equality is much cheaper than hashing every key into a dictionary. When a key occurs
/// twice (only possible in a hand-built ``JSONValue``), the first member wins.
struct InsightFields {
    enum Field: Int, CaseIterable {
        case accountId, adId, adName, adsetId, adsetName, campaignId, campaignName, dateStart, accountCurrency
        case spend, impressions, reach, frequency, cpm, clicks
        case outboundClicks, outboundClicksCtr, costPerOutboundClick
        case actions, costPerActionType, actionValues, purchaseRoas
        case videoPlayActions, videoAvgTimeWatchedActions
        case videoP25WatchedActions, videoP50WatchedActions, videoP75WatchedActions, videoP95WatchedActions
        case videoP100WatchedActions
        case cpc, videoThruplayWatchedActions
    }

    private var values: [JSONValue?]

    init(_ members: [(key: String, value: JSONValue)]) {
        values = Array(repeating: nil, count: Field.allCases.count)
        for member in members {
            guard let field = Self.field(named: member.key), values[field.rawValue] == nil else { continue }
            values[field.rawValue] = member.value
        }
    }

    subscript(_ field: Field) -> JSONValue? { values[field.rawValue] }

    /// The field a key names, by Swift string equality (as a dictionary lookup would match it).
    ///
    /// Switching on the UTF-8 length first is safe: every field name is lower-case ASCII letters,
    /// digits and `_`, and no other spelling is canonically equivalent to such a name (the only
    /// non-ASCII characters that decompose to ASCII are U+212A, U+037E and U+1FEF: `K`, `;`, `` ` ``).
    static func field(named key: String) -> Field? {
        switch key.utf8.count {
        case 3:
            if key == "cpm" { return .cpm }
            if key == "cpc" { return .cpc }
        case 5:
            if key == "spend" { return .spend }
            if key == "ad_id" { return .adId }
            if key == "reach" { return .reach }
        case 6: if key == "clicks" { return .clicks }
        case 7:
            if key == "ad_name" { return .adName }
            if key == "actions" { return .actions }
        case 8: if key == "adset_id" { return .adsetId }
        case 9: if key == "frequency" { return .frequency }
        case 10:
            if key == "account_id" { return .accountId }
            if key == "date_start" { return .dateStart }
            if key == "adset_name" { return .adsetName }
        case 11:
            if key == "impressions" { return .impressions }
            if key == "campaign_id" { return .campaignId }
        case 13:
            if key == "campaign_name" { return .campaignName }
            if key == "action_values" { return .actionValues }
            if key == "purchase_roas" { return .purchaseRoas }
        case 15: if key == "outbound_clicks" { return .outboundClicks }
        case 16: if key == "account_currency" { return .accountCurrency }
        case 18: if key == "video_play_actions" { return .videoPlayActions }
        case 19: if key == "outbound_clicks_ctr" { return .outboundClicksCtr }
        case 20: if key == "cost_per_action_type" { return .costPerActionType }
        case 23: if key == "cost_per_outbound_click" { return .costPerOutboundClick }
        case 25:
            if key == "video_p25_watched_actions" { return .videoP25WatchedActions }
            if key == "video_p50_watched_actions" { return .videoP50WatchedActions }
            if key == "video_p75_watched_actions" { return .videoP75WatchedActions }
            if key == "video_p95_watched_actions" { return .videoP95WatchedActions }
        case 26: if key == "video_p100_watched_actions" { return .videoP100WatchedActions }
        case 30:
            if key == "video_avg_time_watched_actions" { return .videoAvgTimeWatchedActions }
            if key == "video_thruplay_watched_actions" { return .videoThruplayWatchedActions }
        default: break
        }
        return nil
    }
}
