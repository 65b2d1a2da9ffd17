/// Something the client did, reported to the `onEvent` closure for counters and progress lines.
///
/// Request descriptions are redacted: no token, and a `paging.next` request shows only its path.
public enum GraphEvent: Sendable, Equatable {
    /// Request `number` (1-based, per client, retries included) is about to be sent.
    case request(number: Int, description: String)
    /// Request `number` got HTTP `status` with `bytes` body bytes.
    case response(number: Int, status: Int, bytes: Int)
    /// A response carried usage headers.
    case usage(GraphUsage)
    /// The client is about to wait `seconds` before the next request.
    case throttleWait(seconds: Double, reason: ThrottleReason)
    /// A transient failure; retry `attempt` follows after `delay` seconds. `reason` is redacted.
    case retry(attempt: Int, delay: Double, reason: String)
    /// Meta asked to reduce the amount of data; the page is asked again with a smaller `limit`.
    case limitReduced(from: Int, to: Int)
    /// A page was delivered to the caller.
    case page(number: Int, rows: Int, hasNext: Bool)
    /// An async report job was started.
    case jobStarted(reportRunId: String)
    /// An async report job's status after a poll.
    case jobStatus(reportRunId: String, status: String, percent: Int)
}
