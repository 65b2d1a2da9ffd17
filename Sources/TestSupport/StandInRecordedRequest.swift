/// A request the stand-in received, for assertions. The token is not kept, only how often it was sent.
public struct StandInRecordedRequest: Sendable, Equatable {
    /// 1-based request number.
    public let number: Int
    /// `GET` or `POST`.
    public let method: String
    /// The path, e.g. `/v23.0/act_1/insights`.
    public let path: String
    /// Query items and form fields, decoded, without `access_token`.
    public let parameters: [String: String]
    /// How many `access_token` parameters the request carried (1 is right).
    public let tokenCount: Int
    /// Whether the request arrived inside a throttle window.
    public let duringThrottleWindow: Bool
}
