/// The client's pacing: slows down as usage nears 100 %, honours `estimated_time_to_regain_access`, and
/// keeps a rolling requests-per-minute ceiling as an upper bound. Pure: it is given the time, never reads it.
struct Throttle {
    private let threshold: Double
    private let maxSlowdown: Double
    private let perMinute: Int
    private let baseDelay: Double
    private let maxDelay: Double
    private var blockedUntil: Double = -Double.infinity
    private var regainMinutes: Double = 0
    private var slowdownUntil: Double = -Double.infinity
    private var pausedUntil: Double = -Double.infinity
    private var pausedCode = 0
    private var lastUtilization: Double = 0
    private var recent: [Double] = []

    init(configuration: GraphConfiguration) {
        threshold = min(max(configuration.slowdownThreshold, 0), 99.9)
        maxSlowdown = max(configuration.slowdownMaxDelay, 0)
        perMinute = max(configuration.rateLimitPerMinute, 1)
        baseDelay = max(configuration.throttleBaseDelay, 0)
        maxDelay = max(configuration.throttleMaxDelay, baseDelay)
    }

    /// Takes in one response's usage headers, seen at `now`.
    mutating func observe(_ usage: GraphUsage, at now: Double) {
        if usage.regainAccessMinutes > 0 {
            regainMinutes = usage.regainAccessMinutes
            blockedUntil = max(blockedUntil, now + usage.regainAccessMinutes * 60)
        }
        let utilization = usage.highestUtilization
        lastUtilization = utilization
        var slowdown = slowdownDelay(for: utilization)
        // Meta's own estimate of when access returns beats a guess from the percentage.
        if usage.regainAccessMinutes > 0 { slowdown = min(slowdown, usage.regainAccessMinutes * 60) }
        slowdownUntil = now + slowdown
    }

    /// The delay that usage `utilization` (percent) adds before the next request: zero below the threshold,
    /// rising linearly to `slowdownMaxDelay` at 100 %.
    func slowdownDelay(for utilization: Double) -> Double {
        guard utilization >= threshold else { return 0 }
        let fraction = min((utilization - threshold) / (100 - threshold), 1)
        return maxSlowdown * fraction
    }

    /// How long to wait before a request at `now`, and why; nil when it may go now.
    func delayBeforeRequest(at now: Double) -> (seconds: Double, reason: ThrottleReason)? {
        var best: (seconds: Double, reason: ThrottleReason)?
        func consider(_ until: Double, _ reason: ThrottleReason) {
            let wait = until - now
            if wait > 0.000_5, wait > (best?.seconds ?? 0) { best = (wait, reason) }
        }
        consider(blockedUntil, .regainAccess(minutes: regainMinutes))
        consider(slowdownUntil, .usage(percent: lastUtilization))
        consider(pausedUntil, .throttledError(code: pausedCode))
        let window = recent.filter { $0 > now - 60 }
        if window.count >= perMinute {
            consider(window[window.count - perMinute] + 60, .rateLimit(perMinute: perMinute))
        }
        return best
    }

    /// Notes that a request goes out at `now` (for the per-minute ceiling).
    mutating func recordRequest(at now: Double) {
        recent.append(now)
        if recent.count > perMinute * 2 { recent.removeFirst(recent.count - perMinute) }
    }

    /// Holds every request until `until` after a throttling error with `code` (the client that got it waits
    /// on its own; the others sharing this throttle wait here).
    mutating func pause(until: Double, code: Int) {
        guard until > pausedUntil else { return }
        pausedUntil = until
        pausedCode = code
    }

    /// The wait after the `attempt`-th consecutive throttling error: Meta's estimate when it gave one,
    /// else `throttleBaseDelay` doubling per attempt up to `throttleMaxDelay`.
    func waitAfterThrottledError(attempt: Int, usage: GraphUsage) -> Double {
        let exponent = Double(max(attempt - 1, 0))
        let backoff = min(maxDelay, baseDelay * pow2(exponent))
        let estimate = usage.regainAccessMinutes * 60
        return estimate > 0 ? estimate : backoff
    }

    private func pow2(_ exponent: Double) -> Double {
        var value = 1.0
        var remaining = min(exponent, 30)
        while remaining >= 1 {
            value *= 2
            remaining -= 1
        }
        return value
    }
}
