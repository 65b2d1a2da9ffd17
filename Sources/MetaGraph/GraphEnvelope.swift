import Foundation

/// The parts of a response body the client reads itself: `error`, `data`, `paging.next`, and top-level
/// fields of plain objects (job status, `report_run_id`). Rows are left to the caller.
struct GraphEnvelope {
    /// The top-level JSON object.
    let object: [String: Any]

    /// Parses `body` as a JSON object; nil when it is not one (HTML, truncated, empty, an array).
    init?(body: Data) {
        guard !body.isEmpty,
            let parsed = try? JSONSerialization.jsonObject(with: body, options: [.fragmentsAllowed]),
            let object = parsed as? [String: Any]
        else { return nil }
        self.object = object
    }

    /// Meta's `error` object, if any, as a detail for a response with `httpStatus`.
    func errorDetail(httpStatus: Int) -> GraphErrorDetail? {
        guard let error = object["error"] as? [String: Any] else { return nil }
        return GraphErrorDetail(
            code: GraphEnvelope.int(error["code"]) ?? 0,
            subcode: GraphEnvelope.int(error["error_subcode"]),
            httpStatus: httpStatus,
            type: error["type"] as? String,
            message: error["message"] as? String ?? "",
            fbtraceId: error["fbtrace_id"] as? String,
            isTransient: GraphEnvelope.bool(error["is_transient"]))
    }

    /// How many rows `data` holds (0 when absent).
    var rowCount: Int { (object["data"] as? [Any])?.count ?? 0 }

    /// `paging.next`, when present and non-empty. Never log it: it carries the token.
    var nextURL: String? {
        guard let paging = object["paging"] as? [String: Any], let next = paging["next"] as? String,
            !next.isEmpty
        else { return nil }
        return next
    }

    /// A top-level string field (numbers are rendered as integers).
    func string(_ key: String) -> String? {
        switch object[key] {
        case let text as String: return text
        case let number as NSNumber: return number.stringValue
        default: return nil
        }
    }

    /// A top-level integer field (numbers or numeric strings).
    func int(_ key: String) -> Int? { GraphEnvelope.int(object[key]) }

    static func int(_ value: Any?) -> Int? {
        switch value {
        case let number as NSNumber: return number.intValue
        case let text as String: return Int(text)
        default: return nil
        }
    }

    static func bool(_ value: Any?) -> Bool? {
        switch value {
        case let flag as Bool: return flag
        case let number as NSNumber: return number.boolValue
        case let text as String: return text == "true" ? true : (text == "false" ? false : nil)
        default: return nil
        }
    }
}
