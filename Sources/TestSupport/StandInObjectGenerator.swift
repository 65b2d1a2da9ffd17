/// Meta-shaped ad sets, ads and ad creatives for a `StandInAccount`, matching the ids its insight rows carry:
/// ad `n` is in ad set and campaign `n % campaignCount` and uses creative `n`. Every other creative is a video;
/// some carry their link in `asset_feed_spec`, and every seventh has no story spec at all.
enum StandInObjectGenerator {
    /// Ad set `index` (one per campaign), budgets in minor units as strings.
    static func adset(_ account: StandInAccount, _ index: Int) -> String {
        let q = StandInRowGenerator.quoted
        let whole = StandInRowGenerator.wholeUnitCurrencies.contains(account.currency)
        return "{\"id\":\(q(StandInRowGenerator.adsetId(account, index))),\"name\":\(q("Ad set \(index + 1)")),"
            + "\"campaign_id\":\(q(StandInRowGenerator.campaignId(account, index))),\"status\":\"ACTIVE\","
            + "\"effective_status\":\"ACTIVE\",\"daily_budget\":\(q(String((index + 1) * (whole ? 3_000 : 1_550)))),"
            + "\"lifetime_budget\":\"0\",\"optimization_goal\":\"OFFSITE_CONVERSIONS\",\"billing_event\":\"IMPRESSIONS\","
            + "\"bid_strategy\":\"LOWEST_COST_WITHOUT_CAP\",\"created_time\":\"2025-11-05T10:00:00-0800\","
            + "\"updated_time\":\"2025-11-20T12:30:00-0800\"}"
    }

    /// The status ad `index` has unless a test set another: every fifth is paused.
    static func defaultStatus(_ index: Int) -> String { index % 5 == 4 ? "PAUSED" : "ACTIVE" }

    /// Ad `index` with `status` (its `updated_time` moves when the status is not the default).
    static func ad(_ account: StandInAccount, _ index: Int, status: String) -> String {
        let q = StandInRowGenerator.quoted
        let campaign = index % account.campaignCount
        let updated = status == defaultStatus(index) ? "2025-11-20T12:30:00-0800" : "2025-12-15T09:00:00-0800"
        return "{\"id\":\(q(StandInRowGenerator.adId(account, index))),"
            + "\"name\":\(q(StandInRowGenerator.adName(account, index))),"
            + "\"adset_id\":\(q(StandInRowGenerator.adsetId(account, index))),"
            + "\"campaign_id\":\(q(StandInRowGenerator.campaignId(account, campaign))),"
            + "\"status\":\(q(status)),\"effective_status\":\(q(status)),\"configured_status\":\(q(status)),"
            + "\"creative\":{\"id\":\(q(creativeId(account, index)))},"
            + "\"created_time\":\"2025-11-10T10:00:00-0800\",\"updated_time\":\(q(updated))}"
    }

    /// The creative of ad `index`.
    static func creative(_ account: StandInAccount, _ index: Int) -> String {
        let q = StandInRowGenerator.quoted
        let id = creativeId(account, index)
        let link = "https://wildpines.example/p/\(index + 1)"
        var fields = [
            "\"id\":\(q(id))", "\"name\":\(q("Creative \(index + 1)"))",
            "\"thumbnail_url\":\(q("https://cdn.example/thumb/\(id).jpg"))",
            "\"title\":\(q("Winter hero \(index + 1)"))",
            "\"body\":\(q("Warm for the trail, \(index + 1)"))", "\"call_to_action_type\":\"SHOP_NOW\"",
        ]
        let video = index % 2 == 0
        let videoId = "1200\(String(id.suffix(8)))"
        let imageHash = "a1b2c3d4e5f6\(String(id.suffix(6)))"
        if video {
            fields += ["\"object_type\":\"VIDEO\"", "\"video_id\":\(q(videoId))"]
        } else {
            fields += ["\"object_type\":\"SHARE\"", "\"image_hash\":\(q(imageHash))"]
        }
        if index % 7 == 6 {
            // No story spec and no asset feed: the link cannot be read.
        } else if index % 5 == 3 {
            fields.append("\"asset_feed_spec\":{\"link_urls\":[{\"website_url\":\(q(link))}]}")
        } else if video {
            fields.append(
                "\"object_story_spec\":{\"page_id\":\"100200300\",\"video_data\":{\"video_id\":\(q(videoId)),"
                    + "\"call_to_action\":{\"type\":\"SHOP_NOW\",\"value\":{\"link\":\(q(link))}}}}")
        } else {
            fields.append(
                "\"object_story_spec\":{\"page_id\":\"100200300\",\"link_data\":{\"link\":\(q(link)),"
                    + "\"image_hash\":\(q(imageHash))}}")
        }
        return "{" + fields.joined(separator: ",") + "}"
    }

    static func creativeId(_ account: StandInAccount, _ index: Int) -> String {
        "239" + StandInRowGenerator.adId(account, index).dropFirst(3)
    }
}
