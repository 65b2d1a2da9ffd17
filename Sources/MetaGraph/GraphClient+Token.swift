import Foundation
import JSON

extension GraphClient {
    /// When the access token stops working, as Meta's `GET /{v}/debug_token?input_token=…` reports it: the
    /// earlier of `data.expires_at` and `data.data_access_expires_at` (Unix seconds; 0 or absent means no
    /// expiry, as for system-user tokens). The transport sends the token as `input_token`; it never appears in
    /// the request's description.
    ///
    /// - Returns: the expiry, or nil when Meta reports none.
    /// - Throws: `GraphError`; a body without a `data` object is `.unexpectedResponse`.
    public func fetchTokenExpiry() throws(GraphError) -> Date? {
        let request = GraphRequest(method: .get, path: versioned("debug_token"), parameters: [], inspectsToken: true)
        switch try perform(request, accountId: nil, reducible: false) {
        case .reduceData(let detail):
            throw .api(detail)
        case .success(_, let envelope, _):
            guard let data = envelope.object["data"], data.objectMembers != nil else {
                throw .unexpectedResponse("debug_token answered without a \"data\" object")
            }
            let times = ["expires_at", "data_access_expires_at"].compactMap { data[$0]?.graphInt }.filter { $0 > 0 }
            return times.min().map { Date(timeIntervalSince1970: Double($0)) }
        }
    }
}
