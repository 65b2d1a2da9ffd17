import JSON
import TestSupport
import Foundation
import Normalization
import Testing

@Suite struct NormalizerMalformedTests {
    static let badValues = [
        #""""#, #""NaN""#, #""Infinity""#, #""1e400""#, #""0x1F""#, #"" 14.35""#, "null", "true", "[]", "{}",
        #""1234567890123456789012345678901234567890""#,
    ]

    @Test(arguments: ["spend", "impressions", "reach", "frequency", "cpm", "clicks"], badValues)
    func malformedScalarIsNilAndCounted(field: String, bad: String) throws {
        let insight = try normalize(#"{"\#(field)": \#(bad), "date_start": "2025-01-02"}"#)
        #expect(insight.malformedColumns == [field])
        let column = try #require(NormalizedInsight.metricColumns.first { $0.name == field })
        #expect(column.value(insight) == nil)
        #expect(insight.date == "2025-01-02")
        // The byte reader reads numbers straight into decimals: the same column, the same count.
        #expect(try normalizeBytes(#"{"\#(field)": \#(bad), "date_start": "2025-01-02"}"#) == insight)
    }

    /// Good numbers as strings and as JSON numbers, plain and with exponents, read the same through the byte reader.
    @Test(arguments: ["spend", "impressions", "reach", "frequency", "cpm", "clicks", "cpc"])
    func numbersReadTheSameFromBytes(field: String) throws {
        for good in [#""14.35""#, "14.35", #""185""#, "185", "-0", #""1.5E-2""#, "2e3", #""0.000001""#] {
            let json = #"{"\#(field)": \#(good), "date_start": "2025-01-02"}"#
            #expect(try normalizeBytes(json) == (try normalize(json)), "\(json)")
            #expect(try normalize(json).malformedColumns.isEmpty)
        }
    }

    /// (input list, action type, column)
    static let actionInputs: [(String, String, String)] = [
        ("outbound_clicks", "outbound_click", "link_clicks"),
        ("outbound_clicks_ctr", "outbound_click", "link_ctr"),
        ("cost_per_outbound_click", "outbound_click", "link_cpc"),
        ("cost_per_action_type", "omni_add_to_cart", "cost_per_add_to_cart"),
        ("action_values", "omni_purchase", "purchase_value"),
        ("purchase_roas", "omni_purchase", "roas"),
        ("video_play_actions", "video_view", "video_views"),
        ("video_avg_time_watched_actions", "video_view", "video_avg_watch_time"),
        ("video_p25_watched_actions", "video_view", "video_p25_watched"),
        ("video_p50_watched_actions", "video_view", "video_p50_watched"),
        ("video_p75_watched_actions", "video_view", "video_p75_watched"),
        ("video_p95_watched_actions", "video_view", "video_p95_watched"),
        ("video_p100_watched_actions", "video_view", "video_p100_watched"),
        ("actions", "add_to_cart", "add_to_carts"),
        ("actions", "purchase", "purchases"),
        ("actions", "omni_landing_page_view", "landing_page_views"),
        ("actions", "offsite_conversion.fb_pixel_initiate_checkout", "initiate_checkouts"),
        ("actions", "view_content", "content_views"),
        ("actions", "video_view", "video_3s_views"),
        ("cost_per_action_type", "omni_initiated_checkout", "cost_per_initiate_checkout"),
        ("cost_per_action_type", "landing_page_view", "cost_per_landing_page_view"),
        ("video_thruplay_watched_actions", "video_view", "video_thruplays"),
    ]

    @Test(arguments: actionInputs)
    func everyActionListReadsItsColumn(list: String, type: String, column: String) throws {
        let insight = try normalize(#"{"\#(list)": [{"action_type": "\#(type)", "value": "42", "1d_click": "1"}]}"#)
        let metric = try #require(NormalizedInsight.metricColumns.first { $0.name == column })
        #expect(metric.value(insight) == 42)
        #expect(insight.malformedColumns.isEmpty)
        for value in [#""42""#, "42", #""4.2e1""#] {
            let json = #"{"\#(list)": [{"action_type": "\#(type)", "value": \#(value), "1d_click": "1"}]}"#
            let bytesRead = try normalizeBytes(json)
            #expect(bytesRead == (try normalize(json)), "\(json)")
            #expect(metric.value(bytesRead) == 42, "\(json)")
        }
    }

    @Test(arguments: actionInputs)
    func malformedValueInEveryActionList(list: String, type: String, column: String) throws {
        let insight = try normalize(#"{"\#(list)": [{"action_type": "\#(type)", "value": "4 2"}]}"#)
        let metric = try #require(NormalizedInsight.metricColumns.first { $0.name == column })
        #expect(metric.value(insight) == nil)
        #expect(insight.malformedColumns == [column])
        // Every kind of value that is no number, and none at all, read the same through the byte reader.
        for bad in Self.badValues + [#""\u00bd""#] {
            let json = #"{"\#(list)": [{"action_type": "\#(type)", "value": \#(bad)}]}"#
            #expect(try normalizeBytes(json) == (try normalize(json)), "\(json)")
            #expect(try normalizeBytes(json).malformedColumns == [column], "\(json)")
        }
        let missing = #"{"\#(list)": [{"action_type": "\#(type)"}]}"#
        #expect(try normalizeBytes(missing).malformedColumns == [column])
    }

    @Test(arguments: actionInputs)
    func nonArrayInEveryActionList(list: String, type: String, column: String) throws {
        let insight = try normalize(#"{"\#(list)": "42"}"#)
        // Every column read from the list is malformed (`actions` and `cost_per_action_type` feed several).
        #expect(insight.malformedColumns.contains(column))
        let readers = Self.actionInputs.filter { $0.0 == list }.map(\.2)
        #expect(Set(insight.malformedColumns) == Set(readers))
    }

    @Test func malformedColumnsAreListedInColumnOrderAndCounted() throws {
        let insight = try normalize(
            """
            {"video_p100_watched_actions": 1, "spend": "x", "ad_name": 3, "account_id": "nope",
             "actions": [{"action_type": "omni_purchase", "value": "?"}, {"action_type": "add_to_cart", "value": "-"}],
             "clicks": "NaN", "impressions": "12"}
            """)
        #expect(
            insight.malformedColumns == [
                "meta_ad_account_id", "ad_name", "spend", "clicks", "add_to_carts", "purchases", "video_p100_watched",
            ])
        #expect(insight.malformedColumns.count == 7)
        #expect(insight.impressions == 12)
    }

    /// Every field the normalizer reads, given every kind of bad value, never crashes and never
    /// yields a value for that field.
    @Test func neverCrashesOnHostileValues() throws {
        let fields = [
            "account_id", "ad_id", "ad_name", "adset_id", "adset_name", "campaign_id", "campaign_name", "date_start",
            "account_currency", "spend", "impressions", "reach", "frequency", "cpm", "clicks", "outbound_clicks",
            "outbound_clicks_ctr", "cost_per_outbound_click", "actions", "action_values", "cost_per_action_type",
            "purchase_roas", "video_play_actions", "video_avg_time_watched_actions", "video_p25_watched_actions",
            "video_p50_watched_actions", "video_p75_watched_actions", "video_p95_watched_actions",
            "video_p100_watched_actions", "cpc", "video_thruplay_watched_actions",
        ]
        let hostile: [JSONValue] = [
            .null, .bool(false), .number("-0"), .number("1e999999"), .number("0.000000000000000000000000000000001"),
            .string(""), .string("\u{0}"), .string("ﾟ∀ﾟ"), .array([]), .array([.null]), .array([.array([.object([])])]),
            .array([.object([("action_type", .null), ("value", .null)])]),
            .array([.object([("action_type", .string("omni_purchase")), ("value", .array([]))])]),
            .object([]), .object([("data", .array([]))]),
        ]
        for field in fields {
            for value in hostile {
                let insight = Normalizer.normalize(
                    .object([(field, value), ("spend", .string("5")), ("impressions", .string("0"))]),
                    accountCurrency: "USD")
                // One field feeds at most six columns (`actions`: two in v1, four more in v2).
                #expect(insight.malformedColumns.count <= 6)
                #expect(insight.currency != nil)
            }
        }
    }

    /// Random rows built from a fixed seed: normalizing never traps.
    @Test func randomRowsNeverCrash() throws {
        var generator = SplitMix64(seed: 0x5EED)
        let keys = [
            "spend", "cpm", "impressions", "actions", "action_values", "purchase_roas", "outbound_clicks",
            "account_id", "date_start", "account_currency", "action_type", "value",
        ]
        let texts = ["", "1", "-0", "1e400", "omni_purchase", "outbound_click", "video_view", "NaN", "3.5", "act_1"]
        func randomValue(depth: Int) -> JSONValue {
            switch generator.next() % (depth > 3 ? 4 : 6) {
            case 0: return .null
            case 1: return .number(texts[Int(generator.next() % UInt64(texts.count))])
            case 2, 3: return .string(texts[Int(generator.next() % UInt64(texts.count))])
            case 4: return .array((0..<Int(generator.next() % 4)).map { _ in randomValue(depth: depth + 1) })
            default:
                return .object(
                    (0..<Int(generator.next() % 5)).map { _ in
                        (keys[Int(generator.next() % UInt64(keys.count))], randomValue(depth: depth + 1))
                    })
            }
        }
        let textColumns: Set = [
            "meta_ad_account_id", "meta_ad_id", "ad_name", "meta_adset_id", "adset_name", "meta_campaign_id",
            "campaign_name", "date", "currency",
        ]
        for round in 0..<2_000 {
            // Mostly objects with the keys the normalizer reads; sometimes any value at all.
            let value: JSONValue =
                round % 4 == 0
                ? randomValue(depth: 0)
                : .object(
                    (0..<Int(generator.next() % 8)).map { _ in
                        (keys[Int(generator.next() % UInt64(keys.count))], randomValue(depth: 1))
                    })
            let insight = Normalizer.normalize(value, accountCurrency: nil)
            for name in insight.malformedColumns where !textColumns.contains(name) {
                let column = try #require(NormalizedInsight.metricColumns.first { $0.name == name })
                #expect(column.value(insight) == nil)
            }
            #expect(Set(insight.malformedColumns).count == insight.malformedColumns.count)
        }
    }
}
