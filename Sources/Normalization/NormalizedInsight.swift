/// The `meta_ads_performance` columns of one raw insight row (DESIGN §3), as read by ``Normalizer``.
///
/// Every column is optional: nil means the input was absent, malformed (then its column name is
/// in ``malformedColumns``), or a derived value could not be computed. Metric values are exact
/// decimals; money is in major units of ``currency``.
public struct NormalizedInsight: Sendable, Equatable {
    /// `meta_ad_account_id`: always `act_<digits>` (Meta's `account_id` arrives as bare digits).
    public var metaAdAccountId: String?
    /// `meta_ad_id`, from `ad_id`.
    public var metaAdId: String?
    /// `ad_name`.
    public var adName: String?
    /// `meta_adset_id`, from `adset_id`.
    public var metaAdsetId: String?
    /// `adset_name`.
    public var adsetName: String?
    /// `meta_campaign_id`, from `campaign_id`.
    public var metaCampaignId: String?
    /// `campaign_name`.
    public var campaignName: String?
    /// `date`, from `date_start` (`YYYY-MM-DD`).
    public var date: String?
    /// `currency`: the row's `account_currency`, else the account's currency.
    public var currency: String?

    /// `spend`, major currency units.
    public var spend: ExactDecimal?
    /// `impressions`.
    public var impressions: ExactDecimal?
    /// `reach`.
    public var reach: ExactDecimal?
    /// `frequency`.
    public var frequency: ExactDecimal?
    /// `cpm`: Meta's `cpm`, or spend / impressions × 1000 when Meta sent none.
    public var cpm: ExactDecimal?
    /// `clicks`.
    public var clicks: ExactDecimal?
    /// `link_clicks`: `outbound_clicks`, entry `outbound_click`.
    public var linkClicks: ExactDecimal?
    /// `link_ctr`: `outbound_clicks_ctr`, entry `outbound_click` (a percentage).
    public var linkCtr: ExactDecimal?
    /// `link_cpc`: `cost_per_outbound_click`, entry `outbound_click`.
    public var linkCpc: ExactDecimal?
    /// `add_to_carts`: `actions`, first present add-to-cart type.
    public var addToCarts: ExactDecimal?
    /// `cost_per_add_to_cart`: `cost_per_action_type`, first present add-to-cart type.
    public var costPerAddToCart: ExactDecimal?
    /// `purchases`: `actions`, first present purchase type.
    public var purchases: ExactDecimal?
    /// `purchase_value`: `action_values`, first present purchase type.
    public var purchaseValue: ExactDecimal?
    /// `roas`: `purchase_roas`, first present purchase type; or purchase_value / spend when Meta
    /// sent no `purchase_roas`.
    public var roas: ExactDecimal?
    /// `conversion_rate`: purchases / link_clicks × 100.
    public var conversionRate: ExactDecimal?
    /// `video_views`: `video_play_actions`, entry `video_view`.
    public var videoViews: ExactDecimal?
    /// `video_avg_watch_time`: `video_avg_time_watched_actions`, entry `video_view` (seconds).
    public var videoAvgWatchTime: ExactDecimal?
    /// `video_p25_watched`: `video_p25_watched_actions`, entry `video_view`.
    public var videoP25Watched: ExactDecimal?
    /// `video_p50_watched`: `video_p50_watched_actions`, entry `video_view`.
    public var videoP50Watched: ExactDecimal?
    /// `video_p75_watched`: `video_p75_watched_actions`, entry `video_view`.
    public var videoP75Watched: ExactDecimal?
    /// `video_p95_watched`: `video_p95_watched_actions`, entry `video_view`.
    public var videoP95Watched: ExactDecimal?
    /// `video_p100_watched`: `video_p100_watched_actions`, entry `video_view`.
    public var videoP100Watched: ExactDecimal?

    /// `landing_page_views` (v2): `actions`, first present of ``Normalizer/landingPageViewActionTypes``.
    public var landingPageViews: ExactDecimal?
    /// `initiate_checkouts` (v2): `actions`, first present of ``Normalizer/initiateCheckoutActionTypes``.
    public var initiateCheckouts: ExactDecimal?
    /// `content_views` (v2): `actions`, first present of ``Normalizer/contentViewActionTypes``.
    public var contentViews: ExactDecimal?
    /// `cost_per_initiate_checkout` (v2): `cost_per_action_type`, first present initiate-checkout type; else
    /// spend / initiate_checkouts.
    public var costPerInitiateCheckout: ExactDecimal?
    /// `cost_per_landing_page_view` (v2): `cost_per_action_type`, first present landing-page-view type; else
    /// spend / landing_page_views.
    public var costPerLandingPageView: ExactDecimal?
    /// `video_3s_views` (v2): `actions`, entry `video_view` (plays of 3 seconds or more).
    public var video3sViews: ExactDecimal?
    /// `video_thruplays` (v2): `video_thruplay_watched_actions`, entry `video_view`.
    public var videoThruplays: ExactDecimal?
    /// `hook_rate` (v2): video_3s_views / impressions, a fraction.
    public var hookRate: ExactDecimal?
    /// `hold_rate` (v2): video_thruplays / video_3s_views, a fraction.
    public var holdRate: ExactDecimal?
    /// `cpc` (v2): Meta's `cpc` (cost per click, all clicks), or spend / clicks when Meta sent none.
    public var cpc: ExactDecimal?
    /// `attribution` (v2): the attribution setting the row was fetched under
    /// (``Normalizer/normalize(_:accountCurrency:attribution:rawArrays:)``).
    public var attribution: String?

    /// `raw_actions`: canonical JSON text of the row's `actions`, nil when absent (or not asked for).
    public var rawActions: String?
    /// `raw_costs`: canonical JSON text of the row's `cost_per_action_type`, nil when absent.
    public var rawCosts: String?
    /// `raw_action_values`: canonical JSON text of the row's `action_values`, nil when absent.
    public var rawActionValues: String?

    /// Snake-case names of the columns whose input was present but malformed, in column order;
    /// its count is the number of malformed values in the row.
    public var malformedColumns: [String]

    /// An insight with every column nil and nothing malformed.
    public init() {
        malformedColumns = []
    }

    /// The metric columns in DESIGN §3 order (`spend` … `video_p100_watched`, then the version-2 columns
    /// `landing_page_views` … `cpc`), so storage can bind them without naming each one.
    public static let metricColumns: [MetricColumn] = [
        MetricColumn(name: "spend", isIntegerCount: false) { $0.spend },
        MetricColumn(name: "impressions", isIntegerCount: true) { $0.impressions },
        MetricColumn(name: "reach", isIntegerCount: true) { $0.reach },
        MetricColumn(name: "frequency", isIntegerCount: false) { $0.frequency },
        MetricColumn(name: "cpm", isIntegerCount: false) { $0.cpm },
        MetricColumn(name: "clicks", isIntegerCount: true) { $0.clicks },
        MetricColumn(name: "link_clicks", isIntegerCount: true) { $0.linkClicks },
        MetricColumn(name: "link_ctr", isIntegerCount: false) { $0.linkCtr },
        MetricColumn(name: "link_cpc", isIntegerCount: false) { $0.linkCpc },
        MetricColumn(name: "add_to_carts", isIntegerCount: true) { $0.addToCarts },
        MetricColumn(name: "cost_per_add_to_cart", isIntegerCount: false) { $0.costPerAddToCart },
        MetricColumn(name: "purchases", isIntegerCount: true) { $0.purchases },
        MetricColumn(name: "purchase_value", isIntegerCount: false) { $0.purchaseValue },
        MetricColumn(name: "roas", isIntegerCount: false) { $0.roas },
        MetricColumn(name: "conversion_rate", isIntegerCount: false) { $0.conversionRate },
        MetricColumn(name: "video_views", isIntegerCount: true) { $0.videoViews },
        MetricColumn(name: "video_avg_watch_time", isIntegerCount: false) { $0.videoAvgWatchTime },
        MetricColumn(name: "video_p25_watched", isIntegerCount: true) { $0.videoP25Watched },
        MetricColumn(name: "video_p50_watched", isIntegerCount: true) { $0.videoP50Watched },
        MetricColumn(name: "video_p75_watched", isIntegerCount: true) { $0.videoP75Watched },
        MetricColumn(name: "video_p95_watched", isIntegerCount: true) { $0.videoP95Watched },
        MetricColumn(name: "video_p100_watched", isIntegerCount: true) { $0.videoP100Watched },
        MetricColumn(name: "landing_page_views", isIntegerCount: true, since: 2) { $0.landingPageViews },
        MetricColumn(name: "initiate_checkouts", isIntegerCount: true, since: 2) { $0.initiateCheckouts },
        MetricColumn(name: "content_views", isIntegerCount: true, since: 2) { $0.contentViews },
        MetricColumn(name: "cost_per_initiate_checkout", isIntegerCount: false, since: 2) {
            $0.costPerInitiateCheckout
        },
        MetricColumn(name: "cost_per_landing_page_view", isIntegerCount: false, since: 2) { $0.costPerLandingPageView },
        MetricColumn(name: "video_3s_views", isIntegerCount: true, since: 2) { $0.video3sViews },
        MetricColumn(name: "video_thruplays", isIntegerCount: true, since: 2) { $0.videoThruplays },
        MetricColumn(name: "hook_rate", isIntegerCount: false, since: 2) { $0.hookRate },
        MetricColumn(name: "hold_rate", isIntegerCount: false, since: 2) { $0.holdRate },
        MetricColumn(name: "cpc", isIntegerCount: false, since: 2) { $0.cpc },
    ]
}
