/// What a Meta error code means for the client (GRAPH-API.md §3). Decided by code and subcode only,
/// never by message text.
public enum GraphErrorClass: Sendable, Equatable {
    /// Rate limited (4, 17, 32, 613, 80000–80014): wait, then send the same request again.
    case throttled
    /// Temporary (1/99, 2, 104, 960, `is_transient`, HTTP 5xx): retry with backoff.
    case transient
    /// Response too big (code 1 without subcode, 100/1504018): ask for less (smaller page, shorter range).
    case reduceData
    /// The token is invalid or expired (190).
    case token
    /// The token lacks a permission (10, 200–299, 100/33).
    case permission
    /// Invalid parameter on an ad account path (100): the account id is wrong.
    case badAccount
    /// The time range is refused (3018).
    case badRange
    /// Anything else: stop and report.
    case fatal

    /// Throttling codes: app (4), user (17), page (32), ad account (613) and business use cases (80000–80014).
    public static func isThrottlingCode(_ code: Int) -> Bool {
        [4, 17, 32, 613].contains(code) || (80000...80014).contains(code)
    }

    /// Classifies Meta's error `code`/`subcode`.
    ///
    /// - Parameters:
    ///   - isTransient: Meta's `is_transient` flag, when sent.
    ///   - httpStatus: the response's HTTP status.
    ///   - onAccountPath: whether the request was on `act_<id>` (so code 100 means a bad account id).
    public static func classify(
        code: Int, subcode: Int?, isTransient: Bool?, httpStatus: Int, onAccountPath: Bool
    ) -> GraphErrorClass {
        if isThrottlingCode(code) { return .throttled }
        switch (code, subcode) {
        case (190, _): return .token
        case (10, _), (200...299, _), (100, 33): return .permission
        case (3018, _): return .badRange
        case (1, nil), (100, 1_504_018): return .reduceData
        case (1, 99), (2, _), (104, _), (960, _), (-2, _): return .transient
        default: break
        }
        if isTransient == true { return .transient }
        if code == 100 { return onAccountPath ? .badAccount : .fatal }
        if code == 1 { return isTransient == false ? .fatal : .transient }
        return httpStatus >= 500 ? .transient : .fatal
    }
}

extension GraphErrorClass {
    /// Classifies a libcurl failure (no HTTP response): connection problems, timeouts, resets and
    /// truncated or undecodable bodies are `.transient`; bad URLs, TLS verification failures and the
    /// like are `.fatal`.
    public static func classifyNetwork(curlCode: Int) -> GraphErrorClass {
        switch curlCode {
        // 5/6 cannot resolve proxy/host, 7 cannot connect, 16 HTTP/2 framing, 18 partial file (truncated),
        // 28 timeout, 35 TLS connect error, 52 got nothing, 55 send error, 56 receive error (reset),
        // 61 bad content encoding, 92 HTTP/2 stream error, 95 HTTP/3
        case 5, 6, 7, 16, 18, 28, 35, 52, 55, 56, 61, 92, 95: return .transient
        default: return .fatal
        }
    }

    /// Whether a libcurl failure means the host could not be reached at all: 5 cannot resolve the proxy,
    /// 6 cannot resolve the host, 7 cannot connect. On a client's first request that is a stop
    /// (`GraphError.unreachable`); later it is transient, like any dropped connection.
    public static func isUnreachable(curlCode: Int) -> Bool {
        [5, 6, 7].contains(curlCode)
    }
}
