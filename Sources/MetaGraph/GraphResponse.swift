import Foundation

/// What a transport got back: HTTP status, response headers (names lower-cased) and the body bytes.
public struct GraphResponse: Sendable, Equatable {
    /// The HTTP status code.
    public let status: Int
    /// Response headers, names lower-cased; a repeated header keeps its last value.
    public let headers: [String: String]
    /// The (decompressed) body.
    public let body: Data

    /// Creates a response; header names are lower-cased here.
    public init(status: Int, headers: [String: String], body: Data) {
        self.status = status
        var lowered: [String: String] = [:]
        for (name, value) in headers { lowered[name.lowercased()] = value }
        self.headers = lowered
        self.body = body
    }

    /// The header `name` (any case), if present.
    public func header(_ name: String) -> String? {
        headers[name.lowercased()]
    }
}
