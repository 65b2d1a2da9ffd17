import MetaGraph

/// What `brand link` was asked for, as plain values: the command's arguments and the Graph settings its
/// caller read from the environment (library code never reads it).
public struct BrandLinkSettings: Sendable {
    /// The brand id, e.g. `WP`.
    public var brand: String
    /// The ad account, `act_<digits>` or digits.
    public var account: String
    /// The name to record; when nil, the name Meta gives (nothing when linked offline).
    public var name: String?
    /// Whether the account is the brand's primary one.
    public var primary = true
    /// The access token (`META_GRAPH_API_TOKEN`); without one the link is made without asking Meta.
    public var token: String?
    /// The Graph host (`META_GRAPH_BASE_URL`); default ``GraphConfiguration/defaultBaseURL``.
    public var baseURL: String?
    /// The Graph API version (`META_GRAPH_API_VERSION`); default ``GraphConfiguration/defaultAPIVersion``.
    public var apiVersion: String?
    /// Link without asking Meta even when a token is set (`--offline`).
    public var offline = false
    /// Waits (backoff) pass instantly instead of sleeping: for tests against a local stand-in only.
    public var waitsInstantly = false

    public init(brand: String, account: String) {
        self.brand = brand
        self.account = account
    }

    /// The Graph settings of the check, or nil when the link is made without asking Meta. A check asks once
    /// (no throttle waits: a throttled check is refused as rate limited) and retries a transient failure twice.
    func graph() throws(GraphError) -> GraphConfiguration? {
        guard !offline, let token, !token.isEmpty else { return nil }
        var graph = try GraphConfiguration(
            token: token, baseURL: baseURL ?? GraphConfiguration.defaultBaseURL,
            apiVersion: apiVersion ?? GraphConfiguration.defaultAPIVersion)
        graph.maxThrottleRetries = 0
        graph.maxRetries = 2
        graph.requestTimeout = 30
        return graph
    }
}
