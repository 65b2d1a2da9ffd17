import Foundation

/// One ad account's pacing, shared by every client fetching for it at once: a usage header or a throttling
/// error seen by any of them slows them all.
///
/// It also remembers whether any of them has reached the host: a failure to resolve or connect before that
/// stops the run at once, after it is a passing fault that is retried.
///
/// `@unchecked Sendable`: `throttle` and `reachedHost` are only touched while holding `lock`.
public final class SharedThrottle: @unchecked Sendable {
    private let lock = NSLock()
    private var throttle: Throttle
    private var reachedHost = false

    /// Pacing from `configuration`'s thresholds, delays and requests-per-minute ceiling.
    public init(configuration: GraphConfiguration) {
        throttle = Throttle(configuration: configuration)
    }

    func observe(_ usage: GraphUsage, at now: Double) { lock.withLock { throttle.observe(usage, at: now) } }

    /// Whether any client sharing this throttle has had an answer from the host.
    var hasReachedHost: Bool { lock.withLock { reachedHost } }

    func markReachedHost() { lock.withLock { reachedHost = true } }

    func recordRequest(at now: Double) { lock.withLock { throttle.recordRequest(at: now) } }

    func delayBeforeRequest(at now: Double) -> (seconds: Double, reason: ThrottleReason)? {
        lock.withLock { throttle.delayBeforeRequest(at: now) }
    }

    /// The wait after the `attempt`-th throttling error in a row; every other request waits it out too.
    func waitAfterThrottledError(attempt: Int, usage: GraphUsage, code: Int, at now: Double) -> Double {
        lock.withLock {
            let wait = throttle.waitAfterThrottledError(attempt: attempt, usage: usage)
            throttle.pause(until: now + wait, code: code)
            return wait
        }
    }
}
