/// Why the client waited before a request.
public enum ThrottleReason: Sendable, Equatable {
    /// A usage header was above the slow-down threshold (the highest percentage).
    case usage(percent: Double)
    /// Meta said when access returns (`estimated_time_to_regain_access`, minutes).
    case regainAccess(minutes: Double)
    /// The requests-per-minute ceiling was reached.
    case rateLimit(perMinute: Int)
    /// Meta answered with a throttling error code (4, 17, 32, 613, 80000–80014).
    case throttledError(code: Int)
}
