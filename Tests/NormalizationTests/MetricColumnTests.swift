import Foundation
import Normalization
import Testing

@Suite struct MetricColumnTests {
    @Test func columnsAreInDesignOrder() {
        #expect(
            NormalizedInsight.metricColumns.map(\.name) == [
                "spend", "impressions", "reach", "frequency", "cpm", "clicks", "link_clicks", "link_ctr", "link_cpc",
                "add_to_carts", "cost_per_add_to_cart", "purchases", "purchase_value", "roas", "conversion_rate",
                "video_views", "video_avg_watch_time", "video_p25_watched", "video_p50_watched", "video_p75_watched",
                "video_p95_watched", "video_p100_watched", "landing_page_views", "initiate_checkouts", "content_views",
                "cost_per_initiate_checkout", "cost_per_landing_page_view", "video_3s_views", "video_thruplays",
                "hook_rate", "hold_rate", "cpc",
            ])
    }

    @Test func integerCountsAreFlagged() {
        let integers = NormalizedInsight.metricColumns.filter(\.isIntegerCount).map(\.name)
        #expect(
            integers == [
                "impressions", "reach", "clicks", "link_clicks", "add_to_carts", "purchases", "video_views",
                "video_p25_watched", "video_p50_watched", "video_p75_watched", "video_p95_watched",
                "video_p100_watched", "landing_page_views", "initiate_checkouts", "content_views", "video_3s_views",
                "video_thruplays",
            ])
    }

    @Test func eachColumnReadsItsOwnProperty() {
        var insight = NormalizedInsight()
        insight.spend = 1
        insight.impressions = 2
        insight.reach = 3
        insight.frequency = 4
        insight.cpm = 5
        insight.clicks = 6
        insight.linkClicks = 7
        insight.linkCtr = 8
        insight.linkCpc = 9
        insight.addToCarts = 10
        insight.costPerAddToCart = 11
        insight.purchases = 12
        insight.purchaseValue = 13
        insight.roas = 14
        insight.conversionRate = 15
        insight.videoViews = 16
        insight.videoAvgWatchTime = 17
        insight.videoP25Watched = 18
        insight.videoP50Watched = 19
        insight.videoP75Watched = 20
        insight.videoP95Watched = 21
        insight.videoP100Watched = 22
        insight.landingPageViews = 23
        insight.initiateCheckouts = 24
        insight.contentViews = 25
        insight.costPerInitiateCheckout = 26
        insight.costPerLandingPageView = 27
        insight.video3sViews = 28
        insight.videoThruplays = 29
        insight.hookRate = 30
        insight.holdRate = 31
        insight.cpc = 32
        let values = NormalizedInsight.metricColumns.map { $0.value(insight) }
        #expect(values == (1...32).map { ExactDecimal($0) })
    }

    @Test func emptyInsightHasNoValues() {
        let insight = NormalizedInsight()
        #expect(NormalizedInsight.metricColumns.allSatisfy { $0.value(insight) == nil })
        #expect(insight.malformedColumns.isEmpty)
    }
}
