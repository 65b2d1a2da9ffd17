/// Running totals of one client, for `sync.finished`.
public struct GraphCounters: Sendable, Equatable {
    /// Requests sent, retries included.
    public var requests = 0
    /// Transient failures retried.
    public var retries = 0
    /// Waits before a request (throttling errors, usage slow-down, rate ceiling).
    public var throttleWaits = 0
    /// Seconds spent in those waits.
    public var throttleSeconds = 0.0
    /// Pages delivered.
    public var pages = 0
    /// Rows in the delivered pages.
    public var rows = 0

    /// All zero.
    public init() {}
}
