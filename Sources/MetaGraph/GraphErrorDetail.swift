/// Meta's `error` object, as far as the client uses it: codes, HTTP status and the support id.
///
/// `message` is Meta's text with any `access_token` removed; it is shown to people but never used to decide
/// anything (classification is by `code` and `subcode`).
public struct GraphErrorDetail: Sendable, Equatable, CustomStringConvertible {
    /// Meta's `code`, e.g. `190`.
    public let code: Int
    /// Meta's `error_subcode`, e.g. `463`.
    public let subcode: Int?
    /// The HTTP status of the response that carried the error.
    public let httpStatus: Int
    /// Meta's `type`, e.g. `OAuthException`.
    public let type: String?
    /// Meta's `message`, redacted and cut to 300 characters.
    public let message: String
    /// Meta's `fbtrace_id`, for a support request.
    public let fbtraceId: String?
    /// Meta's `is_transient`, when present.
    public let isTransient: Bool?

    /// Creates a detail; the message is redacted and shortened here.
    public init(
        code: Int, subcode: Int? = nil, httpStatus: Int, type: String? = nil, message: String = "",
        fbtraceId: String? = nil, isTransient: Bool? = nil
    ) {
        self.code = code
        self.subcode = subcode
        self.httpStatus = httpStatus
        self.type = type
        let oneLine = redact(message).split(whereSeparator: \.isNewline).joined(separator: " ")
        self.message = oneLine.count > 300 ? String(oneLine.prefix(300)) + "…" : oneLine
        self.fbtraceId = fbtraceId
        self.isTransient = isTransient
    }

    /// `code 190/463, HTTP 400, fbtrace_id X: message` — one line.
    public var description: String {
        var text = "code \(code)"
        if let subcode { text += "/\(subcode)" }
        text += ", HTTP \(httpStatus)"
        if let fbtraceId { text += ", fbtrace_id \(fbtraceId)" }
        if !message.isEmpty { text += ": \(message)" }
        return text
    }
}
