import JSON
import Normalization
import TestSupport

/// Random raw insight rows for the byte reader's property tests: any subset of the fields the normalizer reads, each
/// as a good value or as every kind of bad one (numbers as JSON numbers, malformed text, null, booleans, arrays,
/// objects), action lists mixing used and unused types, repeated types, breakdown keys and non-object elements,
/// names with escapes and non-ASCII text, and unknown members of any shape.
struct InsightRowGenerator {
    var random: SplitMix64

    init(seed: UInt64) { random = SplitMix64(seed: seed) }

    static let scalarKeys = [
        "account_id", "ad_id", "ad_name", "adset_id", "adset_name", "campaign_id", "campaign_name", "date_start",
        "account_currency", "spend", "impressions", "reach", "frequency", "cpm", "clicks", "cpc",
    ]
    static let actionKeys = [
        "outbound_clicks", "outbound_clicks_ctr", "cost_per_outbound_click", "actions", "cost_per_action_type",
        "action_values", "purchase_roas", "video_play_actions", "video_avg_time_watched_actions",
        "video_p25_watched_actions", "video_p50_watched_actions", "video_p75_watched_actions",
        "video_p95_watched_actions", "video_p100_watched_actions", "video_thruplay_watched_actions",
    ]
    static let actionTypes =
        Normalizer.purchaseActionTypes + Normalizer.addToCartActionTypes + Normalizer.landingPageViewActionTypes
        + Normalizer.initiateCheckoutActionTypes + Normalizer.contentViewActionTypes
        + ["outbound_click", "video_view", "link_click", "post_engagement", "purchase ", "Purchase", "video_vie"]
    static let texts = [
        "", "WP | C1 | 6e587105-WP-C1-SQ.png", "日本 春", "quote \" and \\ back", "line\nbreak", "tab\t",
        "e\u{301}", "🙂", "act_12", "12", "2025-12-01", "2025-13-01", "USD", "usd", "JPYX", "\u{0}",
    ]
    static let numbers = [
        "0", "-0", "14.35", "185", "1e3", "1.5E-2", "0.000001", "12345678901234567890", "1e400", "-1e-400",
        "99999999999999999999999999999999999999", "3.14159265358979323846264338327950288", "-2", "5052",
    ]

    mutating func pick<T>(_ values: [T]) -> T { values[Int(random.next() % UInt64(values.count))] }
    mutating func chance(_ percent: UInt64) -> Bool { random.next() % 100 < percent }

    /// One row.
    mutating func row() -> JSONValue {
        var members: [(key: String, value: JSONValue)] = []
        for key in Self.scalarKeys where chance(70) { members.append((key, scalar())) }
        for key in Self.actionKeys where chance(45) { members.append((key, actionList())) }
        for index in 0..<Int(random.next() % 4) {
            members.append(("extra_\(index)_\(pick(["x", "date_stop"]))", any(depth: 0)))
        }
        if chance(10) { members.append(("schlüssel", .string("ü"))) }
        return .object(members)
    }

    /// A field value: mostly good, sometimes any other kind.
    mutating func scalar() -> JSONValue {
        switch random.next() % 10 {
        case 0...3: .string(pick(Self.numbers))
        case 4, 5: .string(pick(Self.texts))
        case 6: .number(pick(Self.numbers.filter { !$0.hasPrefix("-0") || chance(50) }))
        case 7: pick([JSONValue.null, .bool(true), .bool(false)])
        default: any(depth: 1)
        }
    }

    mutating func actionList() -> JSONValue {
        guard chance(90) else { return scalar() }
        var entries: [JSONValue] = []
        for _ in 0..<Int(random.next() % 6) {
            if chance(8) {
                entries.append(scalar())
                continue
            }
            var entry: [(key: String, value: JSONValue)] = []
            if chance(92) { entry.append(("action_type", chance(90) ? .string(pick(Self.actionTypes)) : scalar())) }
            if chance(90) { entry.append(("value", chance(85) ? .string(pick(Self.numbers)) : scalar())) }
            if chance(25) {
                entry.append((pick(["action_device", "action_reaction", "action_", "action_types"]), scalar()))
            }
            if chance(30) { entry.append((pick(["7d_click", "1d_view", "dda"]), .string(pick(Self.numbers)))) }
            entries.append(.object(entry))
        }
        return .array(entries)
    }

    /// Any JSON value, nesting a little.
    mutating func any(depth: Int) -> JSONValue {
        switch random.next() % (depth > 3 ? 4 : 6) {
        case 0: return .string(pick(Self.texts))
        case 1: return .number(pick(Self.numbers))
        case 2: return pick([JSONValue.null, .bool(true), .bool(false)])
        case 3: return .string(pick(Self.numbers))
        case 4: return .array((0..<Int(random.next() % 3)).map { _ in any(depth: depth + 1) })
        default:
            return .object((0..<Int(random.next() % 3)).map { index in ("k\(index)", any(depth: depth + 1)) })
        }
    }
}
