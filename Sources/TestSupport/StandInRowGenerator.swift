/// Deterministic, Meta-shaped insight rows and campaigns for a `StandInAccount`: numbers as strings,
/// action arrays with attribution-window keys, purchases reported under several action types.
enum StandInRowGenerator {
    /// Currencies without minor units (Meta's offset 1).
    static let wholeUnitCurrencies: Set<String> = [
        "JPY", "KRW", "TWD", "IDR", "HUF", "ISK", "CLP", "COP", "CRC", "PYG", "VND",
    ]

    /// Ad, ad set and campaign ids of ad `index` (0-based).
    static func adId(_ account: StandInAccount, _ index: Int) -> String { "238\(tail(account))\(pad(index + 1, 5))" }
    static func campaignId(_ account: StandInAccount, _ campaign: Int) -> String {
        "237\(tail(account))\(pad(campaign + 1, 5))"
    }
    static func adsetId(_ account: StandInAccount, _ index: Int) -> String {
        "236\(tail(account))\(pad(index % account.campaignCount + 1, 5))"
    }

    /// The name of ad `index`: an 8-hex creative short id, the brand, a concept and a format.
    static func adName(_ account: StandInAccount, _ index: Int) -> String {
        let hash = mix(seed(account) ^ UInt64(index + 1) &* 0x9E37_79B9_7F4A_7C15)
        let hex = String(hash & 0xFFFF_FFFF, radix: 16)
        let shortId = String(repeating: "0", count: 8 - hex.count) + hex
        return "\(shortId)-\(account.brand)-C\(index % 7 + 1)-\(["SQ", "ST", "LS"][index % 3])"
    }

    /// The attribution windows a request gets when it names none.
    static let defaultWindows = ["7d_click", "1d_view"]

    /// The row of ad `adIndex` on day number `day`; `revision` changes the conversions (a restatement). Action
    /// entries carry one key per requested attribution window (click windows the value, view windows 0), none
    /// under the account's own setting (`windows` empty), as Meta's do.
    static func row(
        _ account: StandInAccount, adIndex: Int, day: Int, revision: Int, windows: [String] = defaultWindows
    ) -> StandInInsightRow {
        let whole = wholeUnitCurrencies.contains(account.currency)
        var random = mix(seed(account) ^ UInt64(adIndex + 1) &* 0xD6E8_FEB8_6659_FD93 ^ UInt64(bitPattern: Int64(day)))
        func next(_ bound: Int) -> Int {
            random = mix(random)
            return Int(random % UInt64(max(bound, 1)))
        }
        let impressions = 200 + next(9_800)
        let reach = impressions - next(max(impressions / 5, 1))
        let clicks = impressions * (1 + next(40)) / 1_000 + 1
        let linkClicks = max(clicks - next(max(clicks / 3, 1)), 0)
        let spendMinor = whole ? 300 + next(30_000) : 500 + next(50_000)
        var conversions = mix(random ^ UInt64(revision &* 7919 + 1))
        func conversion(_ bound: Int) -> Int {
            conversions = mix(conversions)
            return Int(conversions % UInt64(max(bound, 1)))
        }
        let addToCarts = conversion(linkClicks / 4 + 2)
        let purchases = conversion(addToCarts / 2 + 1)
        let purchaseValueMinor = purchases * (whole ? 2_000 + conversion(8_000) : 1_500 + conversion(9_000))
        let videoViews = impressions / 3 + conversion(50)

        let adId = adId(account, adIndex)
        let campaign = adIndex % account.campaignCount
        let date = StandInDay.text(day)
        func money(_ minor: Int) -> String { whole ? String(minor) : decimal(minor, 2) }
        func ratio(_ numerator: Double, _ denominator: Double) -> String {
            denominator == 0 ? "0" : fixed(numerator / denominator, 6)
        }
        let spend = Double(spendMinor) / (whole ? 1 : 100)
        func action(_ type: String, _ value: String) -> String {
            let keys = windows.map { ",\"\($0)\":\"\($0.hasSuffix("view") ? "0" : value)\"" }.joined()
            return "{\"action_type\":\"\(type)\",\"value\":\"\(value)\"\(keys)}"
        }
        func plain(_ type: String, _ value: String) -> String { "{\"action_type\":\"\(type)\",\"value\":\"\(value)\"}" }

        var actions = [
            action("link_click", String(clicks)), action("landing_page_view", String(linkClicks * 4 / 5)),
            action("page_engagement", String(clicks + 3)), action("post_engagement", String(clicks + 2)),
            action("video_view", String(videoViews)),
        ]
        // Checkouts and content views are derived from the numbers above, so every earlier value stays as it was.
        let initiateCheckouts = addToCarts > 0 ? purchases + addToCarts / 2 : 0
        if initiateCheckouts > 0 {
            let types = ["initiate_checkout", "omni_initiated_checkout", "offsite_conversion.fb_pixel_initiate_checkout"]
            for type in types {
                actions.append(action(type, String(initiateCheckouts)))
            }
        }
        let contentViews = linkClicks * 3 / 5
        if contentViews > 0 {
            for type in ["view_content", "omni_view_content", "offsite_conversion.fb_pixel_view_content"] {
                actions.append(action(type, String(contentViews)))
            }
        }
        var actionValues: [String] = []
        var costPerAction = [action("link_click", ratio(spend, Double(clicks)))]
        if linkClicks * 4 / 5 > 0 {
            costPerAction.append(action("landing_page_view", ratio(spend, Double(linkClicks * 4 / 5))))
        }
        if addToCarts > 0 {
            for type in ["add_to_cart", "omni_add_to_cart", "offsite_conversion.fb_pixel_add_to_cart"] {
                actions.append(action(type, String(addToCarts)))
            }
            costPerAction.append(action("add_to_cart", ratio(spend, Double(addToCarts))))
        }
        if purchases > 0 {
            for type in ["purchase", "omni_purchase", "offsite_conversion.fb_pixel_purchase"] {
                actions.append(action(type, String(purchases)))
                actionValues.append(action(type, money(purchaseValueMinor)))
            }
            costPerAction.append(action("purchase", ratio(spend, Double(purchases))))
        }
        var fields: [(String, String)] = [
            ("account_currency", quoted(account.currency)),
            ("account_id", quoted(account.id)),
            ("account_name", quoted(account.name)),
            ("actions", "[" + actions.joined(separator: ",") + "]"),
        ]
        if !actionValues.isEmpty { fields.append(("action_values", "[" + actionValues.joined(separator: ",") + "]")) }
        fields += [
            ("ad_id", quoted(adId)),
            ("ad_name", quoted(adName(account, adIndex))),
            ("adset_id", quoted(adsetId(account, adIndex))),
            ("adset_name", quoted("Ad set \(adIndex % account.campaignCount + 1)")),
            ("campaign_id", quoted(campaignId(account, campaign))),
            ("campaign_name", quoted("Campaign \(campaign + 1)")),
            ("clicks", quoted(String(clicks))),
            ("cost_per_action_type", "[" + costPerAction.joined(separator: ",") + "]"),
            ("cost_per_outbound_click", "[" + plain("outbound_click", ratio(spend, Double(linkClicks))) + "]"),
            ("cpc", quoted(ratio(spend, Double(clicks)))),
            ("cpm", quoted(ratio(spend * 1000, Double(impressions)))),
            ("ctr", quoted(ratio(Double(clicks) * 100, Double(impressions)))),
            ("date_start", quoted(date)),
            ("date_stop", quoted(date)),
            ("frequency", quoted(ratio(Double(impressions), Double(reach)))),
            ("impressions", quoted(String(impressions))),
            ("outbound_clicks", "[" + plain("outbound_click", String(linkClicks)) + "]"),
            (
                "outbound_clicks_ctr",
                "[" + plain("outbound_click", ratio(Double(linkClicks) * 100, Double(impressions))) + "]"
            ),
        ]
        if purchases > 0 {
            fields.append(
                (
                    "purchase_roas",
                    "[" + plain("omni_purchase", ratio(Double(purchaseValueMinor), Double(spendMinor))) + "]"
                ))
        }
        fields += [
            ("reach", quoted(String(reach))),
            ("spend", quoted(money(spendMinor))),
            ("video_avg_time_watched_actions", "[" + plain("video_view", String(2 + conversion(12))) + "]"),
            ("video_p100_watched_actions", "[" + plain("video_view", String(videoViews / 10)) + "]"),
            ("video_p25_watched_actions", "[" + plain("video_view", String(videoViews / 2)) + "]"),
            ("video_p50_watched_actions", "[" + plain("video_view", String(videoViews / 3)) + "]"),
            ("video_p75_watched_actions", "[" + plain("video_view", String(videoViews / 5)) + "]"),
            ("video_p95_watched_actions", "[" + plain("video_view", String(videoViews / 8)) + "]"),
            ("video_play_actions", "[" + plain("video_view", String(videoViews)) + "]"),
            ("video_thruplay_watched_actions", "[" + plain("video_view", String(videoViews / 4)) + "]"),
        ]
        return StandInInsightRow(
            accountId: account.id, adId: adId, adName: adName(account, adIndex), date: date, spendMinor: spendMinor,
            impressions: impressions, clicks: clicks, linkClicks: linkClicks, purchases: purchases,
            purchaseValueMinor: purchaseValueMinor, fields: fields)
    }

    /// Campaign `index` of the account as a JSON object (budgets in minor units, as strings).
    static func campaign(_ account: StandInAccount, _ index: Int) -> String {
        let statuses = ["ACTIVE", "PAUSED", "ARCHIVED", "DELETED"]
        let status = statuses[index % statuses.count]
        let whole = wholeUnitCurrencies.contains(account.currency)
        let budget = (index + 1) * (whole ? 5_000 : 2_500)
        return "{\"id\":\(quoted(campaignId(account, index))),\"name\":\(quoted("Campaign \(index + 1)")),"
            + "\"status\":\(quoted(status)),\"effective_status\":\(quoted(status)),"
            + "\"objective\":\"OUTCOME_SALES\",\"daily_budget\":\(quoted(String(budget))),"
            + "\"lifetime_budget\":\"0\",\"created_time\":\"2025-11-0\(index % 9 + 1)T10:00:00-0800\","
            + "\"updated_time\":\"2025-11-20T12:30:00-0800\"}"
    }

    static func quoted(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case let control where control.value < 0x20:
                result +=
                    "\\u00" + (control.value < 16 ? "0" : "")
                    + String(control.value, radix: 16)
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result + "\""
    }

    private static func decimal(_ minor: Int, _ places: Int) -> String {
        let divisor = places == 2 ? 100 : 1
        let fraction = String(minor % divisor)
        return "\(minor / divisor)." + String(repeating: "0", count: places - fraction.count) + fraction
    }

    private static func fixed(_ value: Double, _ places: Int) -> String {
        var scale = 1.0
        for _ in 0..<places { scale *= 10 }
        let scaled = Int((value * scale).rounded())
        let whole = scaled / Int(scale)
        var fraction = String(scaled % Int(scale))
        fraction = String(repeating: "0", count: places - fraction.count) + fraction
        while fraction.hasSuffix("0") { fraction.removeLast() }
        return fraction.isEmpty ? String(whole) : "\(whole).\(fraction)"
    }

    private static func pad(_ value: Int, _ width: Int) -> String {
        let text = String(value)
        return String(repeating: "0", count: max(0, width - text.count)) + text
    }

    private static func tail(_ account: StandInAccount) -> String {
        let digits = account.id.filter(\.isNumber)
        return pad(Int(digits.suffix(6)) ?? 0, 6)
    }

    private static func seed(_ account: StandInAccount) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in account.id.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01B3 }
        return hash
    }

    /// SplitMix64 finalizer.
    private static func mix(_ value: UInt64) -> UInt64 {
        var z = value &+ 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
