import Foundation
import JSON
import Normalization

/// Graph's response envelope, read once: a JSON object holding `data` rows and `paging`, or `error`,
/// or the fields of one object (an account, a job status, a `report_run_id`). The one reader of it,
/// for live responses and saved files alike.
struct GraphEnvelope {
    /// The top-level JSON object.
    let object: JSONValue

    /// Parses `body`; nil when it is not a JSON object (HTML, truncated, empty, an array).
    init?(body: Data) {
        guard let value = try? JSONParser.parse(body) else { return nil }
        self.init(value)
    }

    /// Wraps an already parsed value; nil when it is not an object.
    init?(_ value: JSONValue) {
        guard case .object = value else { return nil }
        object = value
    }

    /// Meta's `error` object, if any, as a detail for a response with `httpStatus`.
    func errorDetail(httpStatus: Int) -> GraphErrorDetail? {
        guard let error = object["error"], case .object = error else { return nil }
        return GraphErrorDetail(
            code: error["code"]?.graphInt ?? 0,
            subcode: error["error_subcode"]?.graphInt,
            httpStatus: httpStatus,
            type: error["type"]?.stringValue,
            message: error["message"]?.stringValue ?? "",
            fbtraceId: error["fbtrace_id"]?.stringValue,
            isTransient: error["is_transient"]?.graphBool)
    }

    /// The `data` rows; nil when there is no `data` array.
    var rows: [JSONValue]? { object["data"]?.arrayValue }

    /// `paging.next`, when present and non-empty. Never log it: it carries the token.
    var nextURL: String? {
        guard let next = object["paging"]?["next"]?.stringValue, !next.isEmpty else { return nil }
        return next
    }

    /// The ad account a page was fetched for, `act_<digits>`, read from the path of its `paging.next` or
    /// `paging.previous` URL (`…/act_<digits>/insights?…`). Only the id leaves here, never the URL.
    var pagingAccount: String? {
        for key in ["next", "previous"] {
            guard let url = object["paging"]?[key]?.stringValue, let range = url.range(of: "/act_") else { continue }
            let digits = url[range.upperBound...].prefix { $0.isASCII && $0.isNumber }
            guard url[range.upperBound...].dropFirst(digits.count).first == "/" else { continue }
            if let account = AccountId.normalize("act_" + digits) { return account }
        }
        return nil
    }

    /// A top-level string field (a number gives its text as written).
    func string(_ key: String) -> String? { object[key]?.scalarText }

    /// A top-level integer field (numbers or numeric strings).
    func int(_ key: String) -> Int? { object[key]?.graphInt }
}
