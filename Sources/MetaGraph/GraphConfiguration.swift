import Foundation

/// Everything a `GraphClient` and a `CurlTransport` need to talk to the Graph API.
///
/// The token is kept out of `description`, `debugDescription` and reflection (`dump`), so a
/// configuration can be logged without leaking it.
public struct GraphConfiguration: Sendable {
    /// The Graph API host the client talks to by default.
    public static let defaultBaseURL = "https://graph.facebook.com"
    /// The Marketing API version used by default (GRAPH-API.md §1).
    public static let defaultAPIVersion = "v23.0"
    /// Every `ad.effective_status` value, so deleted and archived ads (whose spend is real) are included.
    public static let allAdEffectiveStatuses = [
        "ACTIVE", "ADSET_PAUSED", "ARCHIVED", "CAMPAIGN_PAUSED", "DELETED", "DISAPPROVED", "IN_PROCESS", "PAUSED",
        "PENDING_BILLING_INFO", "PENDING_REVIEW", "PREAPPROVED", "WITH_ISSUES",
    ]
    /// Every campaign `effective_status` value (SDK enum), so deleted and archived campaigns are listed.
    public static let allCampaignEffectiveStatuses = [
        "ACTIVE", "PAUSED", "DELETED", "ARCHIVED", "IN_PROCESS", "WITH_ISSUES",
    ]

    /// Scheme and host (and optional port) without a trailing slash, e.g. `https://graph.facebook.com`.
    public let baseURL: String
    /// The API version path component, e.g. `v23.0`; always matches `v[0-9]+\.[0-9]+`.
    public let apiVersion: String
    /// The access token; may be empty when replaying a cassette. Never printed.
    public let token: String

    /// Upper bound on requests per rolling minute, whatever the usage headers say.
    public var rateLimitPerMinute: Int = 100
    /// Seconds allowed to establish a connection.
    public var connectTimeout: Double = 10
    /// Seconds allowed for a whole request, connection included.
    public var requestTimeout: Double = 120
    /// A transfer slower than this many bytes per second for `lowSpeedTime` seconds is aborted.
    public var lowSpeedLimit: Int = 1
    /// Seconds a transfer may stay below `lowSpeedLimit` before it is aborted.
    public var lowSpeedTime: Double = 30
    /// How many times a transient failure (5xx, timeout, reset, bad body) is retried.
    public var maxRetries: Int = 5
    /// How many times a throttled request is waited out and retried.
    public var maxThrottleRetries: Int = 10
    /// First retry delay in seconds; doubles per attempt, with jitter.
    public var retryBaseDelay: Double = 1
    /// Largest retry delay in seconds.
    public var retryMaxDelay: Double = 60
    /// Wait in seconds after a throttling error when Meta gives no `estimated_time_to_regain_access`;
    /// doubles per consecutive throttling error.
    public var throttleBaseDelay: Double = 60
    /// Largest wait in seconds after a throttling error without an estimate.
    public var throttleMaxDelay: Double = 900
    /// Usage percentage (of any usage header) from which requests are slowed down.
    public var slowdownThreshold: Double = 75
    /// Delay in seconds added before a request when usage reaches 100 %; scaled linearly from the threshold.
    public var slowdownMaxDelay: Double = 60
    /// Rows per page asked for with `limit`.
    public var pageLimit: Int = 100
    /// Smallest page size tried when Meta asks to reduce the amount of data; below it the caller must split.
    public var minimumPageLimit: Int = 10
    /// `action_attribution_windows` sent with insights requests (none when empty).
    public var actionAttributionWindows: [String] = ["7d_click", "1d_view"]
    /// Sends `use_account_attribution_setting=true`: the account's own attribution setting instead of windows.
    public var useAccountAttributionSetting = false
    /// First wait in seconds between async report job polls; doubles up to `jobPollMaxDelay`.
    public var jobPollInitialDelay: Double = 2
    /// Largest wait in seconds between async report job polls.
    public var jobPollMaxDelay: Double = 30
    /// Seconds after which an unfinished async report job is given up.
    public var jobTimeout: Double = 3600

    /// Creates a configuration, checking the base URL and the API version.
    ///
    /// - Parameters:
    ///   - token: the access token (`META_GRAPH_API_TOKEN`); empty is allowed for replay.
    ///   - baseURL: `http://` or `https://` URL of the Graph host.
    ///   - apiVersion: a version such as `v23.0`.
    public init(
        token: String,
        baseURL: String = GraphConfiguration.defaultBaseURL,
        apiVersion: String = GraphConfiguration.defaultAPIVersion
    ) throws(GraphError) {
        var base = baseURL
        while base.hasSuffix("/") { base.removeLast() }
        let lower = base.lowercased()
        let host = lower.drop { $0 != ":" }.dropFirst(3)
        guard lower.hasPrefix("http://") || lower.hasPrefix("https://"), !host.isEmpty else {
            throw .invalidConfiguration("base URL \(redact(baseURL)) is not an http(s) URL; set META_GRAPH_BASE_URL")
        }
        guard GraphConfiguration.isValidVersion(apiVersion) else {
            throw .invalidConfiguration(
                "API version \(apiVersion) does not look like v23.0; set META_GRAPH_API_VERSION")
        }
        self.baseURL = base
        self.apiVersion = apiVersion
        self.token = token
    }

    /// The host (and port, when given) of `baseURL`, without scheme, user or path: `graph.facebook.com`,
    /// `127.0.0.1:8080`. Safe to show: it never carries a query.
    public var host: String {
        var rest = Substring(baseURL)
        if let scheme = rest.range(of: "://") { rest = rest[scheme.upperBound...] }
        if let end = rest.firstIndex(where: { "/?#".contains($0) }) { rest = rest[..<end] }
        if let at = rest.lastIndex(of: "@") { rest = rest[rest.index(after: at)...] }
        return String(rest)
    }

    /// Whether `version` has the form `v<digits>.<digits>`.
    public static func isValidVersion(_ version: String) -> Bool {
        guard version.first == "v" else { return false }
        let parts = version.dropFirst().split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 2 else { return false }
        return parts.allSatisfy { part in !part.isEmpty && part.allSatisfy { $0.isASCII && $0.isNumber } }
    }
}

extension GraphConfiguration: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// A one-line summary with the token left out.
    public var description: String {
        "GraphConfiguration(baseURL: \(baseURL), apiVersion: \(apiVersion), token: \(token.isEmpty ? "none" : "set"), "
            + "rateLimitPerMinute: \(rateLimitPerMinute), pageLimit: \(pageLimit), maxRetries: \(maxRetries))"
    }

    /// Same as `description`: the token is never shown.
    public var debugDescription: String { description }

    /// Reflection without the token, so `dump(configuration)` is safe.
    public var customMirror: Mirror {
        Mirror(
            self,
            children: [
                "baseURL": baseURL, "apiVersion": apiVersion, "token": token.isEmpty ? "none" : "<redacted>",
                "rateLimitPerMinute": rateLimitPerMinute, "pageLimit": pageLimit, "maxRetries": maxRetries,
            ],
            displayStyle: .struct
        )
    }
}
