import Foundation

/// The Graph API client for one ad account at a time: pages, async report jobs, throttling and retries.
///
/// A `final class`, not `Sendable` on purpose: it owns its transport (one curl handle) and its throttle
/// state, so each account syncs on its own client. Every wait goes through the injected `GraphClock`, and
/// everything worth counting is reported to `onEvent`.
///
/// ```swift
/// let configuration = try GraphConfiguration(token: token)
/// let client = GraphClient(configuration: configuration, transport: try CurlTransport(configuration: configuration))
/// try client.forEachInsightsPage(accountId: "act_1", since: "2025-12-01", until: "2025-12-07",
///                                fields: ["ad_id", "spend"]) { page in store(page.body) }
/// ```
public final class GraphClient {
    /// The configuration the client was made with.
    public let configuration: GraphConfiguration
    /// Running totals (requests, retries, throttle waits, pages, rows).
    public private(set) var counters = GraphCounters()

    let transport: any GraphTransport
    let clock: any GraphClock
    private let jitter: () -> Double
    let onEvent: (GraphEvent) -> Void
    private let throttle: SharedThrottle

    /// Creates a client.
    ///
    /// - Parameters:
    ///   - configuration: API version, limits, retry and throttle settings.
    ///   - transport: `CurlTransport` live, `CassetteRecorder` to record, `CassettePlayer` to replay.
    ///   - clock: time for throttling and backoff; tests pass a fake that never sleeps.
    ///   - jitter: a number in `0..<1` per retry, spreading backoff delays; tests pass a constant.
    ///   - onEvent: receives requests, retries, waits and pages as they happen.
    ///   - throttle: the pacing shared with the other clients fetching for the same ad account at once; nil
    ///     for a throttle of this client's own.
    public init(
        configuration: GraphConfiguration,
        transport: any GraphTransport,
        clock: any GraphClock = SystemGraphClock(),
        jitter: @escaping () -> Double = { Double.random(in: 0..<1) },
        onEvent: @escaping (GraphEvent) -> Void = { _ in },
        throttle: SharedThrottle? = nil
    ) {
        self.configuration = configuration
        self.transport = transport
        self.clock = clock
        self.jitter = jitter
        self.onEvent = onEvent
        self.throttle = throttle ?? SharedThrottle(configuration: configuration)
    }

    /// `/v23.0/<path>`.
    func versioned(_ path: String) -> String {
        "/\(configuration.apiVersion)/\(path)"
    }

    /// Sends `request` until it succeeds: waits out throttling, retries transient failures with
    /// exponential backoff and jitter, and stops with a typed error on anything else.
    ///
    /// - Parameters:
    ///   - accountId: the `act_<id>` the request is about, so code 100 can name a bad account id.
    ///   - reducible: whether a "reduce the amount of data" error goes back to the caller (which will
    ///     ask for less) instead of being retried as transient.
    func perform(_ request: GraphRequest, accountId: String?, reducible: Bool) throws(GraphError) -> GraphAttempt {
        var transientAttempts = 0
        var throttledAttempts = 0
        while true {
            waitForThrottle()
            counters.requests += 1
            let number = counters.requests
            throttle.recordRequest(at: clock.now())
            onEvent(.request(number: number, description: request.description))

            let failure: (GraphErrorClass, String, GraphErrorDetail?, GraphUsage)
            do {
                let response = try transport.send(request)
                throttle.markReachedHost()
                let usage = GraphUsage(headers: response.headers)
                throttle.observe(usage, at: clock.now())
                onEvent(.response(number: number, status: response.status, bytes: response.body.count))
                if !usage.isEmpty { onEvent(.usage(usage)) }
                switch evaluate(response, accountId: accountId) {
                case .success(let envelope):
                    return .success(response: response, envelope: envelope, requestNumber: number)
                case .failure(let kind, let reason, let detail):
                    failure = (kind, reason, detail, usage)
                }
            } catch {
                guard case .network(let code, let message) = error else { throw error }
                // No route to Meta before any answer from it (this client's first request, and no other client of
                // the account has reached it): every retry would fail the same way. Later it is a passing fault.
                if number == 1, !throttle.hasReachedHost, GraphErrorClass.isUnreachable(curlCode: code) {
                    throw .unreachable(host: configuration.host, curlCode: code)
                }
                guard GraphErrorClass.classifyNetwork(curlCode: code) == .transient else { throw error }
                failure = (.transient, "curl \(code): \(message)", nil, GraphUsage())
            }

            let (kind, reason, detail, usage) = failure
            switch kind {
            case .throttled:
                throttledAttempts += 1
                guard throttledAttempts <= configuration.maxThrottleRetries else {
                    throw .throttledTooLong(attempts: throttledAttempts, detail)
                }
                let wait = throttle.waitAfterThrottledError(
                    attempt: throttledAttempts, usage: usage, code: detail?.code ?? 0, at: clock.now())
                pause(wait, .throttledError(code: detail?.code ?? 0))
            case .reduceData where reducible:
                guard let detail else { throw .unexpectedResponse(reason) }
                return .reduceData(detail)
            case .transient, .reduceData:
                transientAttempts += 1
                guard transientAttempts <= configuration.maxRetries else {
                    throw .retriesExhausted(attempts: transientAttempts, lastFailure: reason)
                }
                let delay = backoff(attempt: transientAttempts)
                counters.retries += 1
                onEvent(.retry(attempt: transientAttempts, delay: delay, reason: reason))
                clock.sleep(seconds: delay)
            case .token:
                throw .invalidToken(detail ?? GraphErrorDetail(code: 190, httpStatus: 0))
            case .permission:
                throw .permissionDenied(accountId: accountId, detail ?? GraphErrorDetail(code: 200, httpStatus: 0))
            case .badAccount:
                throw .invalidAccountId(accountId ?? request.path, detail)
            case .badRange:
                throw .badTimeRange(detail ?? GraphErrorDetail(code: 3018, httpStatus: 0))
            case .fatal:
                if let detail { throw .api(detail) }
                throw .unexpectedResponse(reason)
            }
        }
    }

    /// The delay before transient retry `attempt` (1-based): `retryBaseDelay · 2^(attempt−1)`, capped at
    /// `retryMaxDelay`, scaled by `0.5 + 0.5 · jitter` so concurrent clients spread out.
    func backoff(attempt: Int) -> Double {
        var delay = max(configuration.retryBaseDelay, 0)
        for _ in 1..<max(attempt, 1) {
            delay *= 2
            if delay >= configuration.retryMaxDelay { break }
        }
        delay = min(delay, configuration.retryMaxDelay)
        let spread = min(max(jitter(), 0), 1)
        return delay * (0.5 + 0.5 * spread)
    }

    /// Counts a delivered page and reports it.
    func recordPage(_ page: GraphPage) {
        counters.pages += 1
        counters.rows += page.rowCount
        onEvent(.page(number: page.pageNumber, rows: page.rowCount, hasNext: page.hasNext))
    }

    /// Waits `seconds` on the clock between async job polls (not counted as throttling).
    func waitForJob(_ seconds: Double) {
        clock.sleep(seconds: seconds)
    }

    private func waitForThrottle() {
        if let (seconds, reason) = throttle.delayBeforeRequest(at: clock.now()) {
            pause(seconds, reason)
        }
    }

    private func pause(_ seconds: Double, _ reason: ThrottleReason) {
        guard seconds > 0 else { return }
        counters.throttleWaits += 1
        counters.throttleSeconds += seconds
        onEvent(.throttleWait(seconds: seconds, reason: reason))
        clock.sleep(seconds: seconds)
    }

    /// Decides whether a response is usable, and if not, what kind of failure it is.
    private func evaluate(_ response: GraphResponse, accountId: String?) -> GraphResponseVerdict {
        let status = response.status
        guard let envelope = GraphEnvelope(body: response.body) else {
            let what = response.body.isEmpty ? "an empty body" : "a body that is not a JSON object"
            let reason = "HTTP \(status) with \(what)"
            switch status {
            case 429: return .failure(.throttled, reason, nil)
            case 200..<300, 408, 500...: return .failure(.transient, reason, nil)
            default: return .failure(.fatal, reason, nil)
            }
        }
        if let detail = envelope.errorDetail(httpStatus: status) {
            let kind = GraphErrorClass.classify(
                code: detail.code, subcode: detail.subcode, isTransient: detail.isTransient, httpStatus: status,
                onAccountPath: accountId != nil)
            return .failure(kind, "HTTP \(status), Meta \(detail)", detail)
        }
        switch status {
        case 200..<300: return .success(envelope)
        case 429: return .failure(.throttled, "HTTP 429", nil)
        case 500...: return .failure(.transient, "HTTP \(status)", nil)
        default: return .failure(.fatal, "HTTP \(status) without a Meta error", nil)
        }
    }
}

@available(*, unavailable)
extension GraphClient: Sendable {}
