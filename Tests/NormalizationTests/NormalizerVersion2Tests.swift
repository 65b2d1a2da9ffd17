import Foundation
import JSON
import Normalization
import Testing

/// The columns normalizer version 2 added (DESIGN §4), by value: graph samples, hand-made rows, zero and
/// missing denominators, precedence without summing, and malformed values without fall-through.
@Suite struct NormalizerVersion2Tests {
    @Test func versionIsTwo() {
        #expect(Normalizer.version == 2)
        let added = NormalizedInsight.metricColumns.filter { $0.since == 2 }.map(\.name)
        #expect(
            added == [
                "landing_page_views", "initiate_checkouts", "content_views", "cost_per_initiate_checkout",
                "cost_per_landing_page_view", "video_3s_views", "video_thruplays", "hook_rate", "hold_rate", "cpc",
            ])
    }

    /// A row with every v2 source: counts first-of, costs from `cost_per_action_type`, Meta's `cpc`.
    @Test func fullRow() throws {
        let insight = Normalizer.normalize(
            try row(
                """
                {"ad_id": "1", "date_start": "2025-12-01", "spend": "100", "impressions": "4000", "clicks": "40",
                 "cpc": "2.5",
                 "actions": [
                   {"action_type": "landing_page_view", "value": "50"},
                   {"action_type": "omni_landing_page_view", "value": "55"},
                   {"action_type": "offsite_conversion.fb_pixel_initiate_checkout", "value": "9"},
                   {"action_type": "initiate_checkout", "value": "8"},
                   {"action_type": "omni_initiated_checkout", "value": "8"},
                   {"action_type": "view_content", "value": "30"},
                   {"action_type": "offsite_conversion.fb_pixel_view_content", "value": "31"},
                   {"action_type": "video_view", "value": "1000", "7d_click": "1000"}],
                 "cost_per_action_type": [
                   {"action_type": "initiate_checkout", "value": "12.5"},
                   {"action_type": "landing_page_view", "value": "2"}],
                 "video_play_actions": [{"action_type": "video_view", "value": "1200"}],
                 "video_thruplay_watched_actions": [{"action_type": "video_view", "value": "250"}]}
                """), accountCurrency: "USD", attribution: "7d_click,1d_view")
        #expect(insight.landingPageViews == 55)  // omni_ first, never 50 + 55
        #expect(insight.initiateCheckouts == 8)  // omni_initiated_checkout before the pixel type's 9
        #expect(insight.contentViews == 30)  // view_content before the pixel type
        #expect(insight.costPerInitiateCheckout == (try dec("12.5")))  // Meta's, not 100 / 8
        #expect(insight.costPerLandingPageView == 2)  // landing_page_view's entry: omni_ is absent in costs
        #expect(insight.video3sViews == 1000)  // the `video_view` action, not video_play_actions' 1200
        #expect(insight.videoThruplays == 250)
        #expect(insight.hookRate == (try dec("0.25")))  // 1000 / 4000
        #expect(insight.holdRate == (try dec("0.25")))  // 250 / 1000
        #expect(insight.cpc == (try dec("2.5")))
        #expect(insight.attribution == "7d_click,1d_view")
        #expect(insight.videoViews == 1200)  // v1 unchanged
        #expect(insight.malformedColumns.isEmpty)
    }

    /// Costs are derived when `cost_per_action_type` has none of their types; `cpc` when the row has no `cpc`.
    @Test func derivedCosts() throws {
        let insight = try normalize(
            """
            {"spend": "10", "impressions": "3", "clicks": "3",
             "actions": [{"action_type": "initiate_checkout", "value": "3"},
                         {"action_type": "landing_page_view", "value": "4"}, {"action_type": "video_view", "value": "2"}],
             "cost_per_action_type": [{"action_type": "purchase", "value": "5"}]}
            """)
        #expect(insight.costPerInitiateCheckout == (try dec("3.3333333333")))  // 10 / 3, 10 places
        #expect(insight.costPerLandingPageView == (try dec("2.5")))
        #expect(insight.cpc == (try dec("3.3333333333")))
        #expect(insight.hookRate == (try dec("0.6666666667")))  // 2 / 3, rounded half away from zero
        #expect(insight.holdRate == nil)  // no ThruPlay field
        #expect(insight.attribution == nil)
    }

    @Test func zeroDenominatorsGiveNull() throws {
        let insight = try normalize(
            """
            {"spend": "0", "impressions": "0", "clicks": "0",
             "actions": [{"action_type": "initiate_checkout", "value": "0"},
                         {"action_type": "landing_page_view", "value": "0"}, {"action_type": "video_view", "value": "0"}],
             "video_thruplay_watched_actions": [{"action_type": "video_view", "value": "0"}]}
            """)
        #expect(insight.initiateCheckouts == 0)
        #expect(insight.landingPageViews == 0)
        #expect(insight.video3sViews == 0)
        #expect(insight.videoThruplays == 0)
        #expect(insight.costPerInitiateCheckout == nil)
        #expect(insight.costPerLandingPageView == nil)
        #expect(insight.hookRate == nil)
        #expect(insight.holdRate == nil)
        #expect(insight.cpc == nil)
        #expect(insight.malformedColumns.isEmpty)
    }

    @Test func missingSourcesGiveNull() throws {
        let insight = try normalize(#"{"ad_id": "1", "date_start": "2025-12-01", "impressions": "10"}"#)
        for column in NormalizedInsight.metricColumns where column.since == 2 {
            #expect(column.value(insight) == nil, "\(column.name)")
        }
        // A 3-second view count with no impressions: no hook rate; with no spend: no costs.
        let noImpressions = try normalize(
            #"{"actions": [{"action_type": "video_view", "value": "5"}, {"action_type": "initiate_checkout", "value": "2"}]}"#
        )
        #expect(noImpressions.video3sViews == 5)
        #expect(noImpressions.hookRate == nil)
        #expect(noImpressions.costPerInitiateCheckout == nil)
        #expect(noImpressions.cpc == nil)
    }

    /// A malformed value in the first present type gives NULL and is counted; the next type is not tried.
    @Test func malformedFirstTypeDoesNotFallThrough() throws {
        let insight = try normalize(
            """
            {"spend": "10", "clicks": "x", "impressions": "100", "cpc": "abc",
             "actions": [{"action_type": "omni_initiated_checkout", "value": "n/a"},
                         {"action_type": "initiate_checkout", "value": "4"},
                         {"action_type": "video_view", "value": "abc"}],
             "cost_per_action_type": [{"action_type": "landing_page_view"}],
             "video_thruplay_watched_actions": "7"}
            """)
        #expect(insight.initiateCheckouts == nil)
        #expect(insight.costPerInitiateCheckout == nil)  // the count is NULL: nothing to divide by
        #expect(insight.video3sViews == nil)
        #expect(insight.hookRate == nil)
        #expect(insight.costPerLandingPageView == nil)  // its entry has no value: no derivation either
        #expect(insight.videoThruplays == nil)
        #expect(insight.cpc == nil)  // malformed cpc is not replaced by spend / clicks
        #expect(
            insight.malformedColumns == [
                "clicks", "initiate_checkouts", "cost_per_landing_page_view", "video_3s_views", "video_thruplays",
                "cpc",
            ])
    }

    /// Keboola's account-level rows have the funnel actions under every name but no spend or impressions.
    @Test func keboolaFunnelActions() throws {
        let url = graphSamplesDirectory().appendingPathComponent("async_job_result_page_account_level_keboola.json")
        let rows = try #require(try JSONParser.parse(Data(contentsOf: url))["data"]?.arrayValue)
        let insights = rows.map { Normalizer.normalize($0, accountCurrency: "EUR") }
        #expect(insights.map(\.landingPageViews) == [68, 92, 422])
        #expect(insights.map(\.initiateCheckouts) == [5, 3, 34])  // the same 5 under three names, not 15
        #expect(insights.map(\.contentViews) == [100, 131, 542])
        #expect(insights.map(\.video3sViews) == [1711, 2364, 6771])
        #expect(insights.allSatisfy { $0.hookRate == nil && $0.cpc == nil && $0.costPerInitiateCheckout == nil })
        #expect(insights.allSatisfy { $0.videoThruplays == nil && $0.holdRate == nil })
    }

    /// Airbyte's ad-level rows carry Meta's `cpc`, which wins over spend / clicks.
    @Test func airbyteCpc() throws {
        let url = graphSamplesDirectory().appendingPathComponent("insights_ad_level_product_id_breakdown_airbyte.json")
        let rows = try #require(try JSONParser.parse(Data(contentsOf: url))["data"]?.arrayValue)
        let insights = rows.map { Normalizer.normalize($0, accountCurrency: nil) }
        #expect(insights.map(\.cpc) == [try dec("1.594444"), try dec("1.218571")])
        #expect(insights.map(\.landingPageViews) == [nil, nil])
    }

    /// Breakdown parts: counts add up, rates and costs are derived again from the sums.
    @Test func totalOfParts() throws {
        let a = try normalize(
            """
            {"spend": "6", "impressions": "100", "clicks": "2", "cpc": "3",
             "actions": [{"action_type": "video_view", "value": "10"}, {"action_type": "initiate_checkout", "value": "1"},
                         {"action_type": "landing_page_view", "value": "2"}, {"action_type": "view_content", "value": "1"}],
             "video_thruplay_watched_actions": [{"action_type": "video_view", "value": "4"}]}
            """)
        let b = try normalize(
            """
            {"spend": "4", "impressions": "300", "clicks": "3",
             "actions": [{"action_type": "video_view", "value": "30"}, {"action_type": "initiate_checkout", "value": "1"},
                         {"action_type": "landing_page_view", "value": "3"}],
             "video_thruplay_watched_actions": [{"action_type": "video_view", "value": "6"}]}
            """)
        let total = NormalizedInsight.total(of: [a, b])
        #expect(total.video3sViews == 40)
        #expect(total.videoThruplays == 10)
        #expect(total.initiateCheckouts == 2)
        #expect(total.landingPageViews == 5)
        #expect(total.contentViews == 1)
        #expect(total.hookRate == (try dec("0.1")))  // 40 / 400
        #expect(total.holdRate == (try dec("0.25")))  // 10 / 40
        #expect(total.costPerInitiateCheckout == 5)  // 10 / 2
        #expect(total.costPerLandingPageView == 2)  // 10 / 5
        #expect(total.cpc == 2)  // 10 / 5, not Meta's part cpc
    }
}
