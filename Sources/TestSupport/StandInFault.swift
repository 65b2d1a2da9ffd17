/// A failure the stand-in can inject into a response.
public enum StandInFault: Sendable, Equatable {
    /// A throttling error (`code` 4, 17, 32, 613 or 80000–80014), HTTP 400, with usage headers at 100 %.
    /// With `regainMinutes > 0` the headers carry `estimated_time_to_regain_access` and every request in
    /// that window (on the stand-in's clock) is throttled too and counted in `requestsDuringThrottleWindow`.
    case throttle(code: Int, subcode: Int? = nil, regainMinutes: Double = 0)
    /// HTTP 500 (body: code 1, subcode 99) or 503 (body: code 2, `is_transient`); other statuses get code 1.
    case serverError(status: Int)
    /// Waits `seconds` (or until stopped) before answering, to trip the client's timeout.
    case hang(seconds: Double)
    /// Sends part of the status line, then resets the connection (SO_LINGER 0).
    case connectionReset
    /// Announces a longer `Content-Length` than it sends, then closes.
    case truncatedBody
    /// Answers HTTP 200 with an HTML page instead of JSON.
    case html
    /// Code 190 with `subcode` (463 expired, 460 password changed, 458 app not authorized), HTTP 400.
    case tokenError(subcode: Int?)
    /// A permission error with `code` (200 → HTTP 403, 10 → HTTP 400), or 100/33.
    case permission(code: Int, subcode: Int? = nil)
    /// Code 100 "invalid parameter" on the account (a bad account id), HTTP 400.
    case badAccount
    /// Code 1 "Please reduce the amount of data", HTTP 500.
    case reduceData
    /// Code 3018: start date beyond 37 months, HTTP 400.
    case badTimeRange
    /// Any Meta error body.
    case graphError(status: Int, code: Int, subcode: Int?, isTransient: Bool?)
    /// An insights page with no rows but a `next` link to the same position (served instead of the page).
    case emptyPageWithNext
    /// The async job created by the matching POST ends as `status` (`Job Failed` or `Job Skipped`).
    case asyncJobFails(status: String)
}
