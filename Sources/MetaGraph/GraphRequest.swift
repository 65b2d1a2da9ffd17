import Foundation

/// One request to the Graph API, as a transport sends it.
///
/// Either an endpoint (`path` below the base URL plus `parameters`, to which the transport adds the
/// access token) or a `paging.next` URL, which is followed exactly as Meta gave it (it already carries the
/// token). The next URL is kept private: `description` and `key` never contain it or the token.
public struct GraphRequest: Sendable, Equatable, CustomStringConvertible {
    /// GET or POST.
    public let method: GraphMethod
    /// The path below the base URL, e.g. `/v23.0/act_1/insights`; for a paging URL, its path.
    public let path: String
    /// Query items (GET) or form fields (POST), without the access token.
    public let parameters: [GraphParameter]
    /// The `paging.next` URL to follow verbatim, when this request follows one.
    let pagingURL: String?
    /// Whether the transport also sends the access token as `input_token` (`debug_token` inspects the
    /// token it is given there). Like `access_token`, it is never in `parameters`, `description` or `key`.
    let inspectsToken: Bool

    /// An endpoint request; the transport adds the access token.
    public init(method: GraphMethod = .get, path: String, parameters: [GraphParameter] = []) {
        self.init(method: method, path: path, parameters: parameters, inspectsToken: false)
    }

    /// An endpoint request; the transport adds the access token, and as `input_token` too when `inspectsToken`.
    init(method: GraphMethod, path: String, parameters: [GraphParameter], inspectsToken: Bool) {
        self.method = method
        self.path = path.hasPrefix("/") ? path : "/" + path
        self.parameters = parameters
        self.pagingURL = nil
        self.inspectsToken = inspectsToken
    }

    /// A request that follows a `paging.next` URL exactly as given (GET, token already inside).
    init(followingPagingURL url: String) {
        let split = GraphRequest.splitURL(url)
        self.method = .get
        self.path = split.path
        self.parameters = split.parameters.filter { $0.name != "access_token" }
        self.pagingURL = url
        self.inspectsToken = false
    }

    /// Whether this request follows a `paging.next` URL.
    public var followsPagingURL: Bool { pagingURL != nil }

    /// The value of parameter `name`, if present.
    public func parameter(_ name: String) -> String? {
        parameters.first { $0.name == name }?.value
    }

    /// The same request with parameter `name` set to `value` (for a paging URL, the URL is rewritten
    /// keeping everything else, the token included, exactly as it was).
    func replacingParameter(_ name: String, with value: String) -> GraphRequest {
        if let pagingURL {
            return GraphRequest(followingPagingURL: GraphRequest.replacingQueryItem(in: pagingURL, name, value))
        }
        var replaced = parameters.filter { $0.name != name }
        if let index = parameters.firstIndex(where: { $0.name == name }) {
            replaced.insert(GraphParameter(name, value), at: min(index, replaced.count))
        } else {
            replaced.append(GraphParameter(name, value))
        }
        return GraphRequest(method: method, path: path, parameters: replaced)
    }

    /// The matching key used by cassettes: method, path and the parameters sorted, token excluded.
    public var key: String {
        let sorted = parameters.filter { $0.name != "access_token" }
            .sorted { ($0.name, $0.value) < ($1.name, $1.value) }
        return "\(method.rawValue) \(path)?\(GraphParameter.encode(sorted))"
    }

    /// `GET /v23.0/act_1/insights?…` without the token; a paging request is shown by path and page cursor
    /// only, never as its URL.
    public var description: String {
        if pagingURL != nil {
            return "\(method.rawValue) \(path) (paging.next)"
        }
        return redact("\(method.rawValue) \(path)?\(GraphParameter.encode(parameters))")
    }

    /// Splits a URL (absolute or relative) into its path and decoded query parameters.
    static func splitURL(_ url: String) -> (path: String, parameters: [GraphParameter]) {
        var rest = Substring(url)
        if let schemeEnd = rest.range(of: "://") {
            rest = rest[schemeEnd.upperBound...]
            if let slash = rest.firstIndex(of: "/") {
                rest = rest[slash...]
            } else {
                rest = "/"
            }
        }
        if let hash = rest.firstIndex(of: "#") { rest = rest[..<hash] }
        guard let question = rest.firstIndex(of: "?") else { return (String(rest), []) }
        return (String(rest[..<question]), GraphParameter.decode(query: rest[rest.index(after: question)...]))
    }

    /// Rewrites one query item of `url` in place (or appends it), leaving every other byte unchanged.
    static func replacingQueryItem(in url: String, _ name: String, _ value: String) -> String {
        let encodedName = GraphParameter.percentEncode(name)
        let item = "\(encodedName)=\(GraphParameter.percentEncode(value))"
        guard let question = url.firstIndex(of: "?") else { return url + "?" + item }
        let base = url[...question]
        let query = url[url.index(after: question)...]
        var found = false
        let items = query.split(separator: "&", omittingEmptySubsequences: false).map { pair -> String in
            let pairName = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
            if !found && GraphParameter.percentDecode(pairName) == name {
                found = true
                return item
            }
            return String(pair)
        }
        return base + items.joined(separator: "&") + (found ? "" : "&" + item)
    }
}
