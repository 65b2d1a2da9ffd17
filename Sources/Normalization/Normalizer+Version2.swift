import JSON

extension Normalizer {
    /// The columns version 2 added (DESIGN §4): funnel counts and their costs, 3-second views, ThruPlays,
    /// hook and hold rates, and `cpc`; a malformed input's column is added to `malformed`.
    static func readVersion2(
        _ fields: InsightFields, into insight: inout NormalizedInsight, malformed: inout [String]
    ) {
        func action(_ field: InsightFields.Field, _ types: ActionTypeList) -> FieldLookup<ExactDecimal> {
            readAction(field, of: fields, types: types)
        }
        insight.landingPageViews = take(&malformed, "landing_page_views", action(.actions, .landingPageViews))
        insight.initiateCheckouts = take(&malformed, "initiate_checkouts", action(.actions, .initiateCheckouts))
        insight.contentViews = take(&malformed, "content_views", action(.actions, .contentViews))
        insight.costPerInitiateCheckout = costPerAction(
            "cost_per_initiate_checkout", action(.costPerActionType, .initiateCheckouts),
            spend: insight.spend, count: insight.initiateCheckouts, malformed: &malformed)
        insight.costPerLandingPageView = costPerAction(
            "cost_per_landing_page_view", action(.costPerActionType, .landingPageViews),
            spend: insight.spend, count: insight.landingPageViews, malformed: &malformed)
        insight.video3sViews = take(&malformed, "video_3s_views", action(.actions, .videoViews))
        insight.videoThruplays = take(&malformed, "video_thruplays", action(.videoThruplayWatchedActions, .videoViews))
        insight.hookRate = ratio(insight.video3sViews, insight.impressions)
        insight.holdRate = ratio(insight.videoThruplays, insight.video3sViews)
        switch readNumber(.cpc, of: fields) {
        case .absent: insight.cpc = ratio(insight.spend, insight.clicks)
        case let lookup: insight.cpc = take(&malformed, "cpc", lookup)
        }
    }

    /// Insight fields version 2 reads that version 1 did not (a sync must request them).
    public static let fieldsAddedInVersion2 = ["video_thruplay_watched_actions", "cpc"]

    /// What a version-2 column is read from, in Meta's words, for messages such as "no stored fetch has …".
    public static func source(ofColumn column: String) -> String {
        switch column {
        case "landing_page_views", "cost_per_landing_page_view": "a landing_page_view action"
        case "initiate_checkouts", "cost_per_initiate_checkout": "an initiate-checkout action"
        case "content_views": "a view-content action"
        case "video_3s_views", "hook_rate": "a video_view action"
        case "video_thruplays", "hold_rate": "video_thruplay_watched_actions"
        case "cpc": "cpc, or spend and clicks"
        case "attribution": "an attribution setting"
        default: column
        }
    }

    /// Meta's cost per action when `cost_per_action_type` has one of the types; else spend / count.
    private static func costPerAction(
        _ column: String, _ lookup: FieldLookup<ExactDecimal>, spend: ExactDecimal?, count: ExactDecimal?,
        malformed: inout [String]
    ) -> ExactDecimal? {
        guard case .absent = lookup else { return take(&malformed, column, lookup) }
        return ratio(spend, count)
    }

    /// numerator / denominator, exact to 10 places; nil when either is nil or the denominator is not positive.
    static func ratio(_ numerator: ExactDecimal?, _ denominator: ExactDecimal?) -> ExactDecimal? {
        guard let numerator, let denominator, denominator > 0 else { return nil }
        return ExactDecimal.divide(numerator, by: denominator)
    }
}
