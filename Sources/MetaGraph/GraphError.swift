/// Why a Graph API operation failed. Every case's `description` is one line: what failed; what to do.
///
/// No case ever carries the access token or a `paging.next` URL; request descriptions are redacted.
public enum GraphError: Error, Sendable, Equatable, CustomStringConvertible {
    /// No access token was configured.
    case missingToken
    /// The configuration is unusable (bad base URL or API version); the text names the setting.
    case invalidConfiguration(String)
    /// A call's argument is unusable (a malformed date, an empty field list); the text says which.
    case invalidArgument(String)
    /// Meta rejected the access token (code 190; subcode 463 expired, 460 password changed,
    /// 458 app not authorized, others invalid).
    case invalidToken(GraphErrorDetail)
    /// The token lacks a permission on the object (codes 10, 200–299, or 100 with subcode 33).
    case permissionDenied(accountId: String?, GraphErrorDetail)
    /// The ad account id is malformed or unknown (local check, or Meta code 100 on an account path).
    case invalidAccountId(String, GraphErrorDetail?)
    /// The time range is not accepted (code 3018: start beyond 37 months).
    case badTimeRange(GraphErrorDetail)
    /// Meta keeps asking to reduce the amount of data even at the smallest page size; split the range.
    case reduceDataAtMinimumLimit(limit: Int, GraphErrorDetail?)
    /// Any other Meta error that retrying cannot fix.
    case api(GraphErrorDetail)
    /// A transient failure persisted through every retry; `lastFailure` is a redacted one-line reason.
    case retriesExhausted(attempts: Int, lastFailure: String)
    /// Meta kept throttling through every wait.
    case throttledTooLong(attempts: Int, GraphErrorDetail?)
    /// The network layer failed in a way retrying cannot fix (curl code and its redacted message).
    case network(curlCode: Int, message: String)
    /// A client's first request could not resolve or connect to the Graph host (curl 5, 6 or 7): no route to
    /// Meta, so every later request would fail the same way. `host` is host and port only, never a URL.
    case unreachable(host: String, curlCode: Int)
    /// The response was not what the endpoint returns (e.g. no `report_run_id`); redacted reason.
    case unexpectedResponse(String)
    /// An async report job ended as `Job Failed` or `Job Skipped`; split the date range and retry.
    case asyncJobFailed(reportRunId: String, status: String, percent: Int, errorCode: Int?, errorSubcode: Int?)
    /// An async report job did not finish within the configured time.
    case asyncJobTimedOut(reportRunId: String, seconds: Int)
    /// Replay found no recorded exchange for a request (named here without the token).
    case cassetteMiss(request: String)
    /// A cassette directory could not be read or written.
    case cassette(path: String, reason: String)
    /// A saved Graph response (a file given to `ingest`) cannot be read as insight rows; `source` names the
    /// file, and the line or row when there is one.
    case savedResponse(source: String, reason: String)

    /// One line: what failed; what to do.
    public var description: String {
        switch self {
        case .missingToken:
            return "no Meta access token; set META_GRAPH_API_TOKEN to a token with ads_read"
        case .invalidConfiguration(let text):
            return "invalid Graph API configuration: \(text)"
        case .invalidArgument(let text):
            return "invalid Graph API request: \(text); fix the argument"
        case .invalidToken(let detail):
            let fix = "get a new token from Graph API Explorer or a system user and set META_GRAPH_API_TOKEN"
            switch detail.subcode {
            case 463:
                return "the Meta access token has expired (\(detail)); \(fix)"
            case 460:
                return "the Meta access token was invalidated by a password change (\(detail)); \(fix)"
            case 458:
                return "the app is not authorized by the token's user (\(detail)); authorize the app, then \(fix)"
            default:
                return "the Meta access token is invalid (\(detail)); \(fix)"
            }
        case .permissionDenied(let accountId, let detail):
            let target = accountId.map { "ad account \($0)" } ?? "the object"
            return "permission denied on \(target) (\(detail)); grant the token's user or system user ads_read "
                + "on \(target) in Business Manager, and check the account id"
        case .invalidAccountId(let accountId, let detail):
            let shown = accountId.count > 40 ? String(accountId.prefix(40)) + "…" : accountId
            let suffix = detail.map { " (\($0))" } ?? ""
            return "ad account id \(shown) is not valid\(suffix); check the account id, written act_<digits>"
        case .badTimeRange(let detail):
            return "Meta rejected the time range (\(detail)); use a start date within the last 37 months"
        case .reduceDataAtMinimumLimit(let limit, let detail):
            let suffix = detail.map { " (\($0))" } ?? ""
            return "Meta asks to reduce the amount of data even at \(limit) rows per page\(suffix); "
                + "split the date range or request fewer fields"
        case .api(let detail):
            return "the Graph API returned an error (\(detail)); check the request, or retry later"
        case .retriesExhausted(let attempts, let lastFailure):
            return "the Graph API request failed after \(attempts) attempts (last: \(lastFailure)); "
                + "retry later; nothing fetched so far is lost"
        case .throttledTooLong(let attempts, let detail):
            let suffix = detail.map { " (\($0))" } ?? ""
            return "Meta kept throttling the ad account after \(attempts) waits\(suffix); "
                + "retry later or lower ADLEDGER_RATE_LIMIT"
        case .network(let code, let message):
            return "network error talking to the Graph API: \(message) (curl \(code)); "
                + "check the connection and META_GRAPH_BASE_URL"
        case .unreachable(let host, let code):
            let what: String
            switch code {
            case 5: what = "cannot resolve the proxy for the Graph API host \(host)"
            case 6: what = "cannot resolve the Graph API host \(host)"
            default: what = "cannot connect to the Graph API host \(host)"
            }
            return "\(what) (curl \(code)); check the network connection, the proxy (HTTPS_PROXY, ALL_PROXY) "
                + "and META_GRAPH_BASE_URL"
        case .unexpectedResponse(let text):
            return "unexpected Graph API response: \(text); retry, or record the exchange and report it"
        case .asyncJobFailed(let id, let status, let percent, let code, let subcode):
            var codes = ""
            if let code { codes = ", code \(code)" + (subcode.map { "/\($0)" } ?? "") }
            return "async report job \(id) ended as \(status) at \(percent)%\(codes); split the date range and retry"
        case .asyncJobTimedOut(let id, let seconds):
            return "async report job \(id) did not finish within \(seconds) s; split the date range and retry"
        case .cassetteMiss(let request):
            return "no recorded exchange matches \(request); record the cassette again with --record DIR"
        case .cassette(let path, let reason):
            return "cannot use cassette \(path): \(reason); check the directory"
        case .savedResponse(let source, let reason):
            return "\(source): \(reason)"
        }
    }

    /// Whether the caller should split the date range (or its fields) and try the parts.
    public var suggestsSplittingRange: Bool {
        switch self {
        case .reduceDataAtMinimumLimit, .asyncJobFailed, .asyncJobTimedOut: return true
        default: return false
        }
    }
}
