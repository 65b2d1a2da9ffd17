/// The insight fields a sync asks for: everything Normalization reads, plus ids, names and currency.
enum InsightFields {
    static let all = [
        "account_id", "account_name", "account_currency", "campaign_id", "campaign_name", "adset_id", "adset_name",
        "ad_id", "ad_name", "date_start", "date_stop", "spend", "impressions", "reach", "frequency", "cpm", "clicks",
        "outbound_clicks", "outbound_clicks_ctr", "cost_per_outbound_click", "actions", "action_values",
        "cost_per_action_type", "purchase_roas", "video_play_actions", "video_avg_time_watched_actions",
        "video_p25_watched_actions", "video_p50_watched_actions", "video_p75_watched_actions",
        "video_p95_watched_actions", "video_p100_watched_actions", "cpc", "video_thruplay_watched_actions",
    ]
}
