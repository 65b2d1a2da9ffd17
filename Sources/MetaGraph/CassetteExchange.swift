import Foundation

/// One recorded exchange, stored as one JSON file in a cassette directory.
///
/// The request is kept without the access token (`url` is path and query; `form` the POST body); the
/// response body has `access_token` removed from its `paging.next`/`previous` URLs. When the transport
/// got no HTTP response, `curlCode`/`networkMessage` say why and replay throws the same network error.
struct CassetteExchange: Codable, Equatable {
    /// 1-based position in the recording.
    var sequence: Int
    /// `GET` or `POST`.
    var method: GraphMethod
    /// Path and query, without the token, e.g. `/v23.0/act_1/insights?fields=…&limit=100`.
    var url: String
    /// The POST form body without the token.
    var form: String?
    /// HTTP status, when there was a response.
    var status: Int?
    /// Response headers (lower-cased names), redacted.
    var headers: [String: String]?
    /// The response body as UTF-8 text, redacted.
    var body: String?
    /// The response body in base64, when it was not UTF-8.
    var bodyBase64: String?
    /// The curl code when no response was obtained.
    var curlCode: Int?
    /// The redacted curl message when no response was obtained.
    var networkMessage: String?

    /// The request this exchange answers, rebuilt for matching.
    var request: GraphRequest {
        switch method {
        case .get:
            let split = GraphRequest.splitURL(url)
            return GraphRequest(method: .get, path: split.path, parameters: split.parameters)
        case .post:
            let path = GraphRequest.splitURL(url).path
            return GraphRequest(
                method: .post, path: path, parameters: GraphParameter.decode(query: Substring(form ?? "")))
        }
    }
}
