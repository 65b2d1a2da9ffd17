import JSON

/// Turns one raw Meta insight row into the `meta_ads_performance` columns (DESIGN §4, version 2).
///
/// Pure and total: any ``JSONValue`` gives a ``NormalizedInsight`` (a row that is not an object
/// gives every column nil). Numbers are read exactly with ``ExactDecimal``. A present but
/// malformed input makes its column nil and adds the column name to
/// ``NormalizedInsight/malformedColumns``; an absent field or action type makes it nil silently.
///
/// Rules beyond the DESIGN table, decided here:
/// - Action lists (`actions`, `outbound_clicks`, …) are read by `action_type` and `value` only.
///   Attribution-window keys (`1d_click`, `7d_view`, `dda`, …) are ignored. When several entries
///   share the action type (an `action_breakdowns` request splits them by `action_reaction`,
///   `action_device`, …), the first entry with no `action_*` breakdown key is used, else the first
///   entry of that type. Elements that are not objects with a string `action_type` are skipped.
/// - A field that should be an action list but is not an array, and a chosen entry whose `value`
///   is missing or not an exact number, are malformed; the next action type is not tried.
/// - Each list picks its own first present type (`actions` may give `omni_purchase` while
///   `action_values` gives `purchase`).
/// - `cpm` is derived only when the row has no `cpm` key, `cpc` only when it has no `cpc` key; `roas`
///   only when it has no `purchase_roas` key (a `purchase_roas` without any purchase type gives nil).
/// - Version 2: `cost_per_initiate_checkout` and `cost_per_landing_page_view` are derived (spend / count)
///   only when `cost_per_action_type` has none of their action types (or is absent); a malformed entry
///   gives nil. hook_rate = video_3s_views / impressions and hold_rate = video_thruplays / video_3s_views
///   are fractions (not percentages), nil when either side is nil or the denominator is 0.
/// - Quotients are exact decimals rounded half away from zero to 10 fractional digits
///   (``ExactDecimal/divide(_:by:)``); cpm = spend × 1000 / impressions when impressions > 0,
///   roas = purchase_value / spend when spend > 0, conversion_rate = purchases × 100 / link_clicks
///   when link_clicks > 0.
/// - Identifiers are non-empty strings (or JSON integers); `account_id` must be digits or
///   `act_<digits>`; `date_start` must look like `YYYY-MM-DD`; `account_currency` must be three
///   upper-case ASCII letters, and when it is absent or malformed the `accountCurrency` argument
///   is used.
public enum Normalizer {
    /// The version of these rules; projections record it so a change forces a rebuild.
    public static let version = 2

    /// Purchase action types in order of preference; the first present one is used, never a sum.
    public static let purchaseActionTypes = ["omni_purchase", "purchase", "offsite_conversion.fb_pixel_purchase"]

    /// Add-to-cart action types in order of preference; the first present one is used, never a sum.
    public static let addToCartActionTypes = [
        "omni_add_to_cart", "add_to_cart", "offsite_conversion.fb_pixel_add_to_cart",
    ]

    /// Landing-page-view action types in order of preference (v2); the first present one is used, never a sum.
    public static let landingPageViewActionTypes = ["omni_landing_page_view", "landing_page_view"]

    /// Initiate-checkout action types in order of preference (v2); the first present one is used, never a sum.
    /// Meta spells the omni type `initiated`.
    public static let initiateCheckoutActionTypes = [
        "omni_initiated_checkout", "initiate_checkout", "offsite_conversion.fb_pixel_initiate_checkout",
    ]

    /// View-content action types in order of preference (v2); the first present one is used, never a sum.
    public static let contentViewActionTypes = [
        "omni_view_content", "view_content", "offsite_conversion.fb_pixel_view_content",
    ]

    /// The columns of one raw insight row.
    ///
    /// - Parameters:
    ///   - row: one element of an insights response's `data` array, exactly as Meta sent it.
    ///   - accountCurrency: the ad account's currency, used when the row has no `account_currency`.
    ///   - attribution: the attribution setting the row was fetched under (e.g. `7d_click,1d_view`), recorded
    ///     with the fetch rather than in the row; it becomes the `attribution` column as given.
    ///   - rawArrays: whether to fill ``NormalizedInsight/rawActions``, ``NormalizedInsight/rawCosts`` and
    ///     ``NormalizedInsight/rawActionValues`` (canonical JSON of the action lists); false leaves them nil, for
    ///     callers that store no raw arrays and should not pay for writing them.
    public static func normalize(
        _ row: JSONValue, accountCurrency: String?, attribution: String? = nil, rawArrays: Bool = true
    ) -> NormalizedInsight {
        guard let members = row.objectMembers else { return NormalizedInsight() }
        return normalize(
            InsightFields(members), accountCurrency: accountCurrency, attribution: attribution, rawArrays: rawArrays)
    }

    /// `lookup`'s value for `column`, noting the column in `malformed` when its input was (a static function rather
    /// than a closure over `malformed`, which boxed the list and made returning the row a copy of it).
    static func take<Value>(_ malformed: inout [String], _ column: String, _ lookup: FieldLookup<Value>) -> Value? {
        if case .malformed = lookup { malformed.append(column) }
        return lookup.value
    }

    /// The columns of a row whose fields the normalizer reads have been found (by the tree or by
    /// ``normalize(canonical:accountCurrency:attribution:)``).
    static func normalize(
        _ fields: InsightFields, accountCurrency: String?, attribution: String?, rawArrays: Bool
    ) -> NormalizedInsight {
        // Filled in place: built as a local and returned, the row was copied once more on the way out (a retain and
        // a release of each of its strings).
        var insight = NormalizedInsight()
        fill(&insight, from: fields, accountCurrency: accountCurrency, attribution: attribution, rawArrays: rawArrays)
        return insight
    }

    /// ``normalize(_:accountCurrency:attribution:rawArrays:)`` into `insight` (a new one).
    private static func fill(
        _ insight: inout NormalizedInsight, from fields: InsightFields, accountCurrency: String?,
        attribution: String?, rawArrays: Bool
    ) {
        var malformed: [String] = []
        func number(_ field: InsightFields.Field) -> FieldLookup<ExactDecimal> { readNumber(field, of: fields) }
        func action(_ field: InsightFields.Field, _ types: ActionTypeList) -> FieldLookup<ExactDecimal> {
            readAction(field, of: fields, types: types)
        }

        insight.metaAdAccountId = take(&malformed, "meta_ad_account_id", readAccountId(fields[.accountId]))
        insight.metaAdId = take(&malformed, "meta_ad_id", readIdentifier(fields[.adId]))
        insight.adName = take(&malformed, "ad_name", readText(fields[.adName]))
        insight.metaAdsetId = take(&malformed, "meta_adset_id", readIdentifier(fields[.adsetId]))
        insight.adsetName = take(&malformed, "adset_name", readText(fields[.adsetName]))
        insight.metaCampaignId = take(&malformed, "meta_campaign_id", readIdentifier(fields[.campaignId]))
        insight.campaignName = take(&malformed, "campaign_name", readText(fields[.campaignName]))
        insight.date = take(&malformed, "date", readDate(fields[.dateStart]))
        insight.currency = take(&malformed, "currency", readCurrency(fields[.accountCurrency])) ?? accountCurrency

        insight.spend = take(&malformed, "spend", number(.spend))
        insight.impressions = take(&malformed, "impressions", number(.impressions))
        insight.reach = take(&malformed, "reach", number(.reach))
        insight.frequency = take(&malformed, "frequency", number(.frequency))
        switch number(.cpm) {
        case .absent:
            if let spend = insight.spend, let impressions = insight.impressions, impressions > 0 {
                insight.cpm = ExactDecimal.divide(spend, timesPowerOfTen: 3, by: impressions)
            }
        case let lookup:
            insight.cpm = take(&malformed, "cpm", lookup)
        }
        insight.clicks = take(&malformed, "clicks", number(.clicks))

        insight.linkClicks = take(&malformed, "link_clicks", action(.outboundClicks, .outboundClicks))
        insight.linkCtr = take(&malformed, "link_ctr", action(.outboundClicksCtr, .outboundClicks))
        insight.linkCpc = take(&malformed, "link_cpc", action(.costPerOutboundClick, .outboundClicks))

        insight.addToCarts = take(&malformed, "add_to_carts", action(.actions, .addToCarts))
        insight.costPerAddToCart = take(
            &malformed, "cost_per_add_to_cart", action(.costPerActionType, .addToCarts))
        insight.purchases = take(&malformed, "purchases", action(.actions, .purchases))
        insight.purchaseValue = take(&malformed, "purchase_value", action(.actionValues, .purchases))
        if fields[.purchaseRoas] == nil {
            if let value = insight.purchaseValue, let spend = insight.spend, spend > 0 {
                insight.roas = ExactDecimal.divide(value, by: spend)
            }
        } else {
            insight.roas = take(&malformed, "roas", action(.purchaseRoas, .purchases))
        }
        if let purchases = insight.purchases, let linkClicks = insight.linkClicks, linkClicks > 0 {
            insight.conversionRate = ExactDecimal.divide(purchases, timesPowerOfTen: 2, by: linkClicks)
        }

        insight.videoViews = take(&malformed, "video_views", action(.videoPlayActions, .videoViews))
        insight.videoAvgWatchTime = take(
            &malformed, "video_avg_watch_time", action(.videoAvgTimeWatchedActions, .videoViews))
        insight.videoP25Watched = take(&malformed, "video_p25_watched", action(.videoP25WatchedActions, .videoViews))
        insight.videoP50Watched = take(&malformed, "video_p50_watched", action(.videoP50WatchedActions, .videoViews))
        insight.videoP75Watched = take(&malformed, "video_p75_watched", action(.videoP75WatchedActions, .videoViews))
        insight.videoP95Watched = take(&malformed, "video_p95_watched", action(.videoP95WatchedActions, .videoViews))
        insight.videoP100Watched = take(
            &malformed, "video_p100_watched", action(.videoP100WatchedActions, .videoViews))

        readVersion2(fields, into: &insight, malformed: &malformed)
        insight.attribution = attribution

        if rawArrays {
            insight.rawActions = fields[.actions]?.canonicalText
            insight.rawCosts = fields[.costPerActionType]?.canonicalText
            insight.rawActionValues = fields[.actionValues]?.canonicalText
        }

        insight.malformedColumns = malformed
    }
}
