/// An ad account's object edges a sync lists: what each asks for, and which statuses its filter names.
public enum GraphObjectEdge: String, Sendable, CaseIterable {
    case campaigns
    case adsets
    case ads
    case adcreatives

    /// The fields asked for (`creative` on an ad gives `{"id": …}`).
    public var fields: [String] {
        switch self {
        case .campaigns: GraphClient.campaignFields
        case .adsets:
            [
                "id", "name", "campaign_id", "status", "effective_status", "daily_budget", "lifetime_budget",
                "optimization_goal", "billing_event", "bid_strategy", "created_time", "updated_time",
            ]
        case .ads:
            [
                "id", "name", "adset_id", "campaign_id", "status", "effective_status", "configured_status", "creative",
                "created_time", "updated_time",
            ]
        case .adcreatives:
            [
                "id", "name", "object_type", "video_id", "image_hash", "thumbnail_url", "title", "body",
                "call_to_action_type", "object_story_spec", "asset_feed_spec",
            ]
        }
    }

    /// The `effective_status` values the request filters on, so deleted and archived objects (left out by
    /// default) are listed; empty for creatives, which have no such filter.
    public var effectiveStatuses: [String] {
        switch self {
        case .campaigns: GraphConfiguration.allCampaignEffectiveStatuses
        case .adsets: GraphConfiguration.allCampaignEffectiveStatuses + ["CAMPAIGN_PAUSED"]
        case .ads: GraphConfiguration.allAdEffectiveStatuses
        case .adcreatives: []
        }
    }
}
