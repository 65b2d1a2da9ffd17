/// A response the stand-in sends.
struct StandInHTTPResponse: Sendable {
    /// HTTP status.
    var status: Int
    /// Headers besides `Content-Length` and `Connection`.
    var headers: [(String, String)]
    /// The body text.
    var body: String
    /// How to send it.
    var delivery: StandInDelivery = .normal

    /// The reason phrase for `status`.
    var reason: String {
        switch status {
        case 200: return "OK"
        case 400: return "Bad Request"
        case 403: return "Forbidden"
        case 404: return "Not Found"
        case 500: return "Internal Server Error"
        case 503: return "Service Unavailable"
        default: return "Status"
        }
    }

    /// Status line and headers, ending with the blank line; `contentLength` overrides the real length.
    func head(contentLength: Int, keepAlive: Bool) -> String {
        var text = "HTTP/1.1 \(status) \(reason)\r\n"
        for (name, value) in headers { text += "\(name): \(value)\r\n" }
        text += "Content-Length: \(contentLength)\r\n"
        text += keepAlive ? "Connection: keep-alive\r\n" : "Connection: close\r\n"
        return text + "\r\n"
    }
}
