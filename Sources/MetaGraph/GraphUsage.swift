import Foundation
import JSON

/// The usage headers of one response (GRAPH-API.md §4), every one optional.
///
/// Read from `x-app-usage`, `x-ad-account-usage`, `x-business-use-case-usage` and
/// `x-fb-ads-insights-throttle`; a header that is absent or not valid JSON contributes nothing.
public struct GraphUsage: Sendable, Equatable {
    /// `x-app-usage.call_count` (percent).
    public var appCallCount: Double?
    /// `x-app-usage.total_time` (percent).
    public var appTotalTime: Double?
    /// `x-app-usage.total_cputime` (percent).
    public var appTotalCPUTime: Double?
    /// `x-ad-account-usage.acc_id_util_pct` (percent).
    public var accountUtilization: Double?
    /// `x-ad-account-usage.reset_time_duration` (seconds).
    public var accountResetSeconds: Double?
    /// `ads_api_access_tier` from `x-ad-account-usage` or `x-fb-ads-insights-throttle`.
    public var accessTier: String?
    /// `x-business-use-case-usage` entries, one per business id and use case.
    public var businessUseCases: [BusinessUseCaseUsage] = []
    /// `x-fb-ads-insights-throttle.app_id_util_pct` (percent).
    public var insightsAppUtilization: Double?
    /// `x-fb-ads-insights-throttle.acc_id_util_pct` (percent).
    public var insightsAccountUtilization: Double?

    /// An empty usage (no headers).
    public init() {}

    /// Parses the usage headers out of `headers` (names in any case).
    public init(headers: [String: String]) {
        var lowered: [String: String] = [:]
        for (name, value) in headers { lowered[name.lowercased()] = value }
        if let app = GraphUsage.object(lowered["x-app-usage"]) {
            appCallCount = GraphUsage.number(app["call_count"])
            appTotalTime = GraphUsage.number(app["total_time"])
            appTotalCPUTime = GraphUsage.number(app["total_cputime"])
        }
        if let account = GraphUsage.object(lowered["x-ad-account-usage"]) {
            accountUtilization = GraphUsage.number(account["acc_id_util_pct"])
            accountResetSeconds = GraphUsage.number(account["reset_time_duration"])
            accessTier = account["ads_api_access_tier"]?.stringValue
        }
        if let insights = GraphUsage.object(lowered["x-fb-ads-insights-throttle"]) {
            insightsAppUtilization = GraphUsage.number(insights["app_id_util_pct"])
            insightsAccountUtilization = GraphUsage.number(insights["acc_id_util_pct"])
            if accessTier == nil { accessTier = insights["ads_api_access_tier"]?.stringValue }
        }
        if let buc = GraphUsage.object(lowered["x-business-use-case-usage"]) {
            for (businessId, value) in (buc.objectMembers ?? []).sorted(by: { $0.key < $1.key }) {
                guard let entries = value.arrayValue else { continue }
                for entry in entries where entry.objectMembers != nil {
                    businessUseCases.append(
                        BusinessUseCaseUsage(
                            businessId: businessId,
                            type: entry["type"]?.stringValue ?? "",
                            callCount: GraphUsage.number(entry["call_count"]) ?? 0,
                            totalCPUTime: GraphUsage.number(entry["total_cputime"]) ?? 0,
                            totalTime: GraphUsage.number(entry["total_time"]) ?? 0,
                            estimatedTimeToRegainAccess: GraphUsage.number(entry["estimated_time_to_regain_access"])
                                ?? 0))
                }
            }
        }
    }

    /// Whether no usage header was present.
    public var isEmpty: Bool { self == GraphUsage() }

    /// The highest percentage across every header (0 when none).
    public var highestUtilization: Double {
        let values: [Double?] = [
            appCallCount, appTotalTime, appTotalCPUTime, accountUtilization, insightsAppUtilization,
            insightsAccountUtilization,
        ]
        let fromHeaders = values.compactMap { $0 }.max() ?? 0
        return max(fromHeaders, businessUseCases.map(\.highestUtilization).max() ?? 0)
    }

    /// The longest `estimated_time_to_regain_access`, in minutes (0 when not blocked).
    public var regainAccessMinutes: Double {
        businessUseCases.map(\.estimatedTimeToRegainAccess).max() ?? 0
    }

    /// A header's JSON object; nil when the header is absent or not a JSON object.
    private static func object(_ text: String?) -> JSONValue? {
        guard let text, let value = try? JSONParser.parse(text), value.objectMembers != nil else { return nil }
        return value
    }

    static func number(_ value: JSONValue?) -> Double? { value?.graphDouble }
}
