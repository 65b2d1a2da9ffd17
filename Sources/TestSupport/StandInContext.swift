import Foundation

/// Everything needed to build one response: the request, the usage to report, the token for `next` URLs.
struct StandInContext {
    let request: StandInHTTPRequest
    let components: [String]
    /// Parameters without the token, in order.
    let parameters: [(String, String)]
    let usage: StandInUsage
    let accountKey: String
    let token: String
    /// The most rows a page holds, whatever `limit` asks.
    let maxPageSize: Int?
    /// Usage (percent) and regain minutes to report instead of `usage`, for throttling responses.
    var throttled: (percent: Double, minutes: Double)?
    /// Serve an empty page whose `next` points at the same position.
    var emptyPage = false

    func parameter(_ name: String) -> String? { parameters.first { $0.0 == name }?.1 }

    /// Meta-like headers: content type, version, trace id, and all four usage headers.
    func headers(contentType: String = "text/javascript; charset=UTF-8") -> [(String, String)] {
        let app = throttled?.percent ?? usage.app
        let buc = throttled?.percent ?? usage.businessUseCase
        let account = throttled?.percent ?? usage.account
        let minutes = throttled?.minutes ?? 0
        let business = accountKey == "*" ? "0" : accountKey
        func number(_ value: Double) -> String {
            value == value.rounded() ? String(Int(value)) : String(value)
        }
        return [
            ("Content-Type", contentType),
            ("Facebook-API-Version", components.first ?? "v23.0"),
            ("x-fb-trace-id", "StandIn\(request.path.count)"),
            (
                "x-app-usage",
                "{\"call_count\":\(number(app)),\"total_time\":\(number(app)),\"total_cputime\":\(number(app))}"
            ),
            (
                "x-ad-account-usage",
                "{\"acc_id_util_pct\":\(number(account)),\"reset_time_duration\":\(minutes > 0 ? Int(minutes * 60) : 0),"
                    + "\"ads_api_access_tier\":\"standard_access\"}"
            ),
            (
                "X-Business-Use-Case-Usage",
                "{\"\(business)\":[{\"type\":\"ads_insights\",\"call_count\":\(number(buc)),\"total_cputime\":\(number(buc)),"
                    + "\"total_time\":\(number(buc)),\"estimated_time_to_regain_access\":\(number(minutes)),"
                    + "\"ads_api_access_tier\":\"standard_access\"}]}"
            ),
            (
                "x-fb-ads-insights-throttle",
                "{\"app_id_util_pct\":\(number(throttled?.percent ?? usage.insights)),"
                    + "\"acc_id_util_pct\":\(number(throttled?.percent ?? usage.insights)),"
                    + "\"ads_api_access_tier\":\"standard_access\"}"
            ),
        ]
    }

    func json(_ body: String, status: Int = 200) -> StandInHTTPResponse {
        StandInHTTPResponse(status: status, headers: headers(), body: body)
    }

    func error(
        status: Int, code: Int, subcode: Int?, message: String, isTransient: Bool? = nil
    ) -> StandInHTTPResponse {
        var body =
            "{\"error\":{\"message\":\(StandInRowGenerator.quoted(message)),\"type\":\"OAuthException\","
            + "\"code\":\(code)"
        if let subcode { body += ",\"error_subcode\":\(subcode)" }
        if let isTransient { body += ",\"is_transient\":\(isTransient)" }
        body += ",\"fbtrace_id\":\"AStandInTrace\(code)\"}}"
        return json(body, status: status)
    }

    /// One page of `total` items by `limit`/`after`, with Meta-style cursors and token-bearing `next`/`previous`.
    func page(total: Int, defaultLimit: Int, item: (Int) -> String) -> StandInHTTPResponse {
        let limit = max(min(Int(parameter("limit") ?? "") ?? defaultLimit, maxPageSize ?? .max), 1)
        let start = parameter("after").flatMap(StandInContext.decodeCursor).map { $0 + 1 } ?? 0
        guard total > 0 else { return json("{\"data\":[]}") }
        if emptyPage {
            let cursor = StandInContext.cursor(max(start - 1, 0))
            var body = "{\"data\":[],\"paging\":{\"cursors\":{\"before\":\"\(cursor)\",\"after\":\"\(cursor)\"}"
            if start > 0 || start < total {
                body +=
                    ",\"next\":\(StandInRowGenerator.quoted(link(limit: limit, cursorName: "after", cursor: start > 0 ? cursor : nil)))"
            }
            return json(body + "}}")
        }
        let end = min(start + limit, total)
        let rows = start < end ? (start..<end).map(item) : []
        var body = "{\"data\":[" + rows.joined(separator: ",") + "]"
        if start < end {
            let before = StandInContext.cursor(start)
            let after = StandInContext.cursor(end - 1)
            body += ",\"paging\":{\"cursors\":{\"before\":\"\(before)\",\"after\":\"\(after)\"}"
            if end < total {
                body +=
                    ",\"next\":\(StandInRowGenerator.quoted(link(limit: limit, cursorName: "after", cursor: after)))"
            }
            if start > 0 {
                body +=
                    ",\"previous\":\(StandInRowGenerator.quoted(link(limit: limit, cursorName: "before", cursor: before)))"
            }
            body += "}"
        }
        return json(body + "}")
    }

    /// A paging link the way Meta writes it: the token first, then the original parameters, `limit`, cursor.
    private func link(limit: Int, cursorName: String, cursor: String?) -> String {
        let host = request.headers["host"] ?? "127.0.0.1"
        var items = ["access_token=\(StandInHTTPRequest.percentEncode(token))"]
        for (name, value) in parameters where !["after", "before", "limit"].contains(name) {
            items.append("\(StandInHTTPRequest.percentEncode(name))=\(StandInHTTPRequest.percentEncode(value))")
        }
        items.append("limit=\(limit)")
        if let cursor { items.append("\(cursorName)=\(cursor)") }
        return "http://\(host)\(request.path)?" + items.joined(separator: "&")
    }

    static func cursor(_ index: Int) -> String {
        Data("cursor:\(index)".utf8).base64EncodedString().replacingOccurrences(of: "=", with: "")
    }

    static func decodeCursor(_ text: String) -> Int? {
        var padded = text
        while padded.count % 4 != 0 { padded += "=" }
        guard let data = Data(base64Encoded: padded), let decoded = String(data: data, encoding: .utf8),
            decoded.hasPrefix("cursor:")
        else { return nil }
        return Int(decoded.dropFirst(7))
    }
}
