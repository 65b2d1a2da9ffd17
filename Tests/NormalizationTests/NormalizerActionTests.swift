import Foundation
import JSON
import Normalization
import Testing

@Suite struct NormalizerActionTests {
    /// A row whose `actions` holds the given (type, value) entries in this order.
    private func actionsRow(_ entries: [(String, String)], extra: String = "") throws -> NormalizedInsight {
        let list = entries.map { #"{"action_type": "\#($0.0)", "value": "\#($0.1)"}"# }.joined(separator: ",")
        return try normalize(#"{"actions": [\#(list)]\#(extra)}"#)
    }

    // MARK: purchases: first present type, never summed

    @Test(arguments: [
        ([("purchase", "2"), ("omni_purchase", "3"), ("offsite_conversion.fb_pixel_purchase", "4")], "3"),
        ([("offsite_conversion.fb_pixel_purchase", "4"), ("purchase", "2")], "2"),
        ([("offsite_conversion.fb_pixel_purchase", "4")], "4"),
        ([("link_click", "9"), ("omni_purchase", "7")], "7"),
        ([("omni_purchase", "0"), ("purchase", "5")], "0"),
    ])
    func purchasesTakeTheFirstPresentType(entries: [(String, String)], expected: String) throws {
        let insight = try actionsRow(entries)
        #expect(insight.purchases == (try dec(expected)))
        #expect(insight.malformedColumns.isEmpty)
    }

    @Test func duplicatedPurchasesAreNotSummed() throws {
        let insight = try actionsRow([
            ("offsite_conversion.fb_pixel_purchase", "11"), ("omni_purchase", "11"), ("purchase", "11"),
            ("offsite_conversion.fb_pixel_add_to_cart", "62"), ("omni_add_to_cart", "62"), ("add_to_cart", "62"),
        ])
        #expect(insight.purchases == 11)
        #expect(insight.addToCarts == 62)
    }

    @Test func noPurchaseTypeIsNilNotMalformed() throws {
        let insight = try actionsRow([("link_click", "4"), ("omni_initiated_checkout", "2")])
        #expect(insight.purchases == nil)
        #expect(insight.addToCarts == nil)
        #expect(insight.malformedColumns.isEmpty)
    }

    @Test(arguments: ["abc", "", "NaN", "1e400", " 1", String(repeating: "7", count: 40)])
    func malformedFirstTypeDoesNotFallThrough(bad: String) throws {
        let insight = try actionsRow([
            ("purchase", "2"), ("omni_purchase", bad), ("offsite_conversion.fb_pixel_purchase", "2"),
        ])
        #expect(insight.purchases == nil)
        #expect(insight.malformedColumns == ["purchases"])
    }

    @Test(arguments: [
        #"{"action_type": "omni_purchase"}"#,
        #"{"action_type": "omni_purchase", "value": null}"#,
        #"{"action_type": "omni_purchase", "value": true}"#,
        #"{"action_type": "omni_purchase", "1d_click": "3", "7d_click": "3"}"#,
    ])
    func firstTypeWithoutAReadableValueIsMalformed(entry: String) throws {
        let insight = try normalize(#"{"actions": [\#(entry), {"action_type": "purchase", "value": "3"}]}"#)
        #expect(insight.purchases == nil)
        #expect(insight.malformedColumns == ["purchases"])
    }

    @Test func attributionWindowKeysAreIgnored() throws {
        let insight = try normalize(
            """
            {"actions": [{"action_type": "omni_purchase", "value": "4", "1d_click": "9", "7d_click": "11",
                          "28d_click": "12", "1d_view": "1", "7d_view": "x", "dda": "4.5"}]}
            """)
        #expect(insight.purchases == 4)
        #expect(insight.malformedColumns.isEmpty)
    }

    @Test func breakdownEntriesYieldToTheTotal() throws {
        let insight = try normalize(
            """
            {"actions": [{"action_reaction": "like", "action_type": "omni_purchase", "value": "1"},
                         {"action_device": "iphone", "action_type": "omni_purchase", "value": "2"},
                         {"action_type": "omni_purchase", "value": "8"}]}
            """)
        #expect(insight.purchases == 8)
    }

    @Test func onlyBrokenDownEntriesUseTheFirst() throws {
        let insight = try normalize(
            """
            {"actions": [{"action_device": "iphone", "action_type": "purchase", "value": "2"},
                         {"action_device": "desktop", "action_type": "purchase", "value": "3"}]}
            """)
        #expect(insight.purchases == 2)
    }

    @Test func entriesThatAreNotActionObjectsAreSkipped() throws {
        let insight = try normalize(
            #"{"actions": [42, null, "purchase", {"action_type": 7, "value": "1"}, {"value": "5"}, {"action_type": "purchase", "value": "3"}]}"#
        )
        #expect(insight.purchases == 3)
        #expect(insight.malformedColumns.isEmpty)
    }

    @Test(arguments: [#""5""#, "5", #"{"action_type": "purchase", "value": "3"}"#, "null", "true"])
    func actionsThatAreNotAnArrayAreMalformed(json: String) throws {
        let insight = try normalize(#"{"actions": \#(json), "spend": "10"}"#)
        #expect(insight.purchases == nil)
        #expect(insight.addToCarts == nil)
        // Every column read from `actions` (v1's two, then version 2's four) is malformed.
        #expect(
            insight.malformedColumns == [
                "add_to_carts", "purchases", "landing_page_views", "initiate_checkouts", "content_views", "video_3s_views",
            ])
        #expect(insight.rawActions == (try row(json)).canonicalText)
        #expect(insight.spend == 10)
    }

    @Test func emptyActionsArrayIsAbsentTypes() throws {
        let insight = try normalize(#"{"actions": []}"#)
        #expect(insight.purchases == nil)
        #expect(insight.malformedColumns.isEmpty)
        #expect(insight.rawActions == "[]")
    }

    // MARK: purchase value and roas

    @Test func purchaseValueAndRoasFromTheirLists() throws {
        let insight = try normalize(
            """
            {"spend": "50", "actions": [{"action_type": "omni_purchase", "value": "2"}],
             "action_values": [{"action_type": "purchase", "value": "120.5"}, {"action_type": "omni_purchase", "value": "130.25"}],
             "purchase_roas": [{"action_type": "omni_purchase", "value": "2.605"}]}
            """)
        #expect(insight.purchases == 2)
        #expect(insight.purchaseValue == (try dec("130.25")))
        #expect(insight.roas == (try dec("2.605")))
    }

    @Test func eachListPicksItsOwnFirstType() throws {
        let insight = try normalize(
            """
            {"actions": [{"action_type": "omni_purchase", "value": "2"}],
             "action_values": [{"action_type": "offsite_conversion.fb_pixel_purchase", "value": "40"}]}
            """)
        #expect(insight.purchases == 2)
        #expect(insight.purchaseValue == 40)
    }

    @Test func roasDerivedWhenPurchaseRoasIsAbsent() throws {
        let insight = try normalize(
            #"{"spend": "30", "action_values": [{"action_type": "omni_purchase", "value": "100"}]}"#)
        #expect(insight.roas == (try dec("3.3333333333")))
    }

    @Test func roasPresentIsNotDerived() throws {
        let insight = try normalize(
            """
            {"spend": "30", "action_values": [{"action_type": "omni_purchase", "value": "100"}],
             "purchase_roas": [{"action_type": "omni_purchase", "value": "9"}]}
            """)
        #expect(insight.roas == 9)
    }

    @Test func purchaseRoasWithoutPurchaseTypesIsNilNotDerived() throws {
        let insight = try normalize(
            """
            {"spend": "30", "action_values": [{"action_type": "omni_purchase", "value": "100"}],
             "purchase_roas": [{"action_type": "link_click", "value": "9"}]}
            """)
        #expect(insight.roas == nil)
        #expect(insight.malformedColumns.isEmpty)
    }

    @Test(arguments: [#""2.5""#, #"[{"action_type": "omni_purchase", "value": "x"}]"#])
    func malformedPurchaseRoasIsNilNotDerived(json: String) throws {
        let insight = try normalize(
            """
            {"spend": "30", "action_values": [{"action_type": "omni_purchase", "value": "100"}],
             "purchase_roas": \(json)}
            """)
        #expect(insight.roas == nil)
        #expect(insight.malformedColumns == ["roas"])
    }

    @Test(arguments: [
        #"{"spend": "0", "action_values": [{"action_type": "omni_purchase", "value": "100"}]}"#,
        #"{"action_values": [{"action_type": "omni_purchase", "value": "100"}]}"#,
        #"{"spend": "30"}"#,
        #"{"spend": "30", "action_values": [{"action_type": "add_to_cart", "value": "100"}]}"#,
    ])
    func roasNotDerivableIsNil(json: String) throws {
        let insight = try normalize(json)
        #expect(insight.roas == nil)
        #expect(insight.malformedColumns.isEmpty)
    }

    // MARK: add to cart

    @Test(arguments: [
        ([("add_to_cart", "5"), ("omni_add_to_cart", "6"), ("offsite_conversion.fb_pixel_add_to_cart", "7")], "6"),
        ([("offsite_conversion.fb_pixel_add_to_cart", "7"), ("add_to_cart", "5")], "5"),
        ([("offsite_conversion.fb_pixel_add_to_cart", "7")], "7"),
    ])
    func addToCartsTakeTheFirstPresentType(entries: [(String, String)], expected: String) throws {
        #expect(try actionsRow(entries).addToCarts == dec(expected))
    }

    @Test func costPerAddToCartFromCostPerActionType() throws {
        let insight = try normalize(
            """
            {"cost_per_action_type": [{"action_type": "add_to_cart", "value": "1.25"},
                                      {"action_type": "omni_add_to_cart", "value": "1.2", "7d_click": "0.9"},
                                      {"action_type": "omni_purchase", "value": "20"}]}
            """)
        #expect(insight.costPerAddToCart == (try dec("1.2")))
        #expect(insight.purchases == nil)
    }

    @Test func malformedFirstAddToCartIsNil() throws {
        let insight = try normalize(
            """
            {"cost_per_action_type": [{"action_type": "omni_add_to_cart", "value": "Infinity"},
                                      {"action_type": "add_to_cart", "value": "1.25"}]}
            """)
        #expect(insight.costPerAddToCart == nil)
        #expect(insight.malformedColumns == ["cost_per_add_to_cart"])
    }

    // MARK: link clicks

    @Test func linkColumnsFromOutboundLists() throws {
        let insight = try normalize(
            """
            {"outbound_clicks": [{"action_type": "link_click", "value": "99"}, {"action_type": "outbound_click", "value": "9"}],
             "outbound_clicks_ctr": [{"action_type": "outbound_click", "value": "4.864865"}],
             "cost_per_outbound_click": [{"action_type": "outbound_click", "value": "1.594444"}],
             "inline_link_clicks": "12"}
            """)
        #expect(insight.linkClicks == 9)
        #expect(insight.linkCtr == (try dec("4.864865")))
        #expect(insight.linkCpc == (try dec("1.594444")))
    }

    @Test func linkColumnsAbsentOrMalformed() throws {
        let insight = try normalize(
            #"{"outbound_clicks": {"action_type": "outbound_click", "value": "9"}, "outbound_clicks_ctr": []}"#)
        #expect(insight.linkClicks == nil)
        #expect(insight.linkCtr == nil)
        #expect(insight.linkCpc == nil)
        #expect(insight.malformedColumns == ["link_clicks"])
    }

    // MARK: conversion rate

    @Test(arguments: [
        ("3", "40", "7.5"),
        ("0", "10", "0"),
        ("1", "3", "33.3333333333"),
        ("2", "2", "100"),
    ])
    func conversionRateIsPurchasesPerLinkClick(purchases: String, linkClicks: String, expected: String) throws {
        let insight = try normalize(
            """
            {"actions": [{"action_type": "omni_purchase", "value": "\(purchases)"}],
             "outbound_clicks": [{"action_type": "outbound_click", "value": "\(linkClicks)"}]}
            """)
        #expect(insight.conversionRate == (try dec(expected)))
    }

    @Test(arguments: [
        #"{"actions": [{"action_type": "omni_purchase", "value": "3"}], "outbound_clicks": [{"action_type": "outbound_click", "value": "0"}]}"#,
        #"{"actions": [{"action_type": "omni_purchase", "value": "3"}]}"#,
        #"{"outbound_clicks": [{"action_type": "outbound_click", "value": "40"}]}"#,
        #"{"actions": [{"action_type": "link_click", "value": "3"}], "outbound_clicks": [{"action_type": "outbound_click", "value": "40"}]}"#,
        #"{"actions": [{"action_type": "omni_purchase", "value": "?"}], "outbound_clicks": [{"action_type": "outbound_click", "value": "40"}]}"#,
    ])
    func conversionRateNilWithoutPurchasesOrLinkClicks(json: String) throws {
        #expect(try normalize(json).conversionRate == nil)
    }

    // MARK: video

    @Test func videoColumnsFromTheirLists() throws {
        let insight = try normalize(
            """
            {"video_play_actions": [{"action_type": "video_view", "value": "741"}],
             "video_avg_time_watched_actions": [{"action_type": "video_view", "value": "3.2"}],
             "video_p25_watched_actions": [{"action_type": "video_view", "value": "500"}],
             "video_p50_watched_actions": [{"action_type": "video_view", "value": "400"}],
             "video_p75_watched_actions": [{"action_type": "video_view", "value": "300"}],
             "video_p95_watched_actions": [{"action_type": "video_view", "value": "267"}],
             "video_p100_watched_actions": [{"action_type": "video_view", "value": "250"}],
             "video_30_sec_watched_actions": [{"action_type": "video_view", "value": "266"}],
             "actions": [{"action_type": "video_view", "value": "9999"}]}
            """)
        #expect(insight.videoViews == 741)
        #expect(insight.videoAvgWatchTime == (try dec("3.2")))
        #expect(insight.videoP25Watched == 500)
        #expect(insight.videoP50Watched == 400)
        #expect(insight.videoP75Watched == 300)
        #expect(insight.videoP95Watched == 267)
        #expect(insight.videoP100Watched == 250)
        #expect(insight.malformedColumns.isEmpty)
    }

    @Test func videoViewFromActionsIsNotVideoViews() throws {
        let insight = try actionsRow([("video_view", "1711")])
        #expect(insight.videoViews == nil)
    }

    @Test func videoListWithOtherTypesOnlyIsNil() throws {
        let insight = try normalize(#"{"video_p25_watched_actions": [{"action_type": "video_play", "value": "5"}]}"#)
        #expect(insight.videoP25Watched == nil)
        #expect(insight.malformedColumns.isEmpty)
    }

    // MARK: raw lists

    @Test func rawListsAreCanonicalJSON() throws {
        let insight = try normalize(
            """
            {"actions": [ {"value": "4", "action_type": "link_click", "28d_click": "4", "1d_click": "4"} ],
             "cost_per_action_type": [{"value": "1.5", "action_type": "link_click"}],
             "action_values": [{"value": 1.50, "action_type": "omni_purchase"}]}
            """)
        #expect(insight.rawActions == #"[{"1d_click":"4","28d_click":"4","action_type":"link_click","value":"4"}]"#)
        #expect(insight.rawCosts == #"[{"action_type":"link_click","value":"1.5"}]"#)
        #expect(insight.rawActionValues == #"[{"action_type":"omni_purchase","value":1.50}]"#)
        #expect(insight.purchaseValue == (try dec("1.5")))
    }

    @Test func rawListsNotAskedForAreNilAndChangeNothingElse() throws {
        let input = try row(
            """
            {"actions": [{"action_type": "omni_purchase", "value": "3"}], "spend": "12.5", "impressions": "100",
             "cost_per_action_type": [{"value": "1.5", "action_type": "omni_purchase"}],
             "action_values": [{"value": "oops", "action_type": "omni_purchase"}], "date_start": "2026-01-02"}
            """)
        let full = Normalizer.normalize(input, accountCurrency: "EUR", attribution: "7d_click")
        let lean = Normalizer.normalize(input, accountCurrency: "EUR", attribution: "7d_click", rawArrays: false)
        #expect(full.rawActions != nil && full.rawCosts != nil && full.rawActionValues != nil)
        #expect(lean.rawActions == nil && lean.rawCosts == nil && lean.rawActionValues == nil)
        var stripped = full
        stripped.rawActions = nil
        stripped.rawCosts = nil
        stripped.rawActionValues = nil
        #expect(lean == stripped)
        #expect(lean.malformedColumns == ["purchase_value"])
    }

    @Test func rawListsAbsentAreNil() throws {
        let insight = try normalize(#"{"spend": "1"}"#)
        #expect(insight.rawActions == nil)
        #expect(insight.rawCosts == nil)
        #expect(insight.rawActionValues == nil)
    }
}
