import Foundation

/// One Meta-shaped daily ad row (strings for numbers, action arrays with window keys).
func benchRow(ad: Int, day: Int) -> String {
    let seed = UInt64(ad &* 7919 &+ day &* 104_729)
    let impressions = 500 + Int(seed % 9000)
    let clicks = 5 + Int(seed % 180)
    let spend = Double(impressions) / 1000 * (6 + Double(seed % 12))
    let purchases = Int(seed % 7)
    let date = String(format: "2025-%02d-%02d", 1 + day / 28, 1 + day % 28)
    return """
        {"account_id":"\(1_000_000_001 + ad % 3)","account_currency":"USD","account_name":"Bench \(ad % 3)",\
        "campaign_id":"238\(ad / 50)","campaign_name":"Campaign \(ad / 50)","adset_id":"239\(ad / 10)",\
        "adset_name":"Adset \(ad / 10)","ad_id":"2385\(String(format: "%08d", ad))",\
        "ad_name":"WP | C\(ad % 5) | \(String(format: "%08x", ad &* 2_654_435_761 & 0xFFFF_FFFF))-WP-C\(ad % 5)-SQ.png",\
        "date_start":"\(date)","date_stop":"\(date)","impressions":"\(impressions)","reach":"\(impressions * 4 / 5)",\
        "frequency":"1.250000","clicks":"\(clicks)","spend":"\(String(format: "%.2f", spend))",\
        "cpm":"\(String(format: "%.6f", spend / Double(impressions) * 1000))","ctr":"\(String(format: "%.6f", Double(clicks) / Double(impressions) * 100))",\
        "outbound_clicks":[{"action_type":"outbound_click","value":"\(clicks - 2)"}],\
        "outbound_clicks_ctr":[{"action_type":"outbound_click","value":"1.100000"}],\
        "cost_per_outbound_click":[{"action_type":"outbound_click","value":"0.870000"}],\
        "actions":[{"action_type":"link_click","value":"\(clicks - 2)","7d_click":"\(clicks - 2)","1d_view":"0"},\
        {"action_type":"page_engagement","value":"\(clicks + 3)","7d_click":"\(clicks + 3)"},\
        {"action_type":"add_to_cart","value":"\(purchases + 2)","7d_click":"\(purchases + 2)"},\
        {"action_type":"omni_purchase","value":"\(purchases)","7d_click":"\(purchases)"},\
        {"action_type":"purchase","value":"\(purchases)","7d_click":"\(purchases)"}],\
        "action_values":[{"action_type":"omni_purchase","value":"\(purchases * 41).50"},{"action_type":"purchase","value":"\(purchases * 41).50"}],\
        "cost_per_action_type":[{"action_type":"add_to_cart","value":"3.210000"}],\
        "purchase_roas":[{"action_type":"omni_purchase","value":"2.310000"}],\
        "video_play_actions":[{"action_type":"video_view","value":"\(impressions / 3)"}],\
        "video_p25_watched_actions":[{"action_type":"video_view","value":"\(impressions / 5)"}],\
        "video_p100_watched_actions":[{"action_type":"video_view","value":"\(impressions / 20)"}]}
        """
}
