import Foundation
import JSON

/// One page of an edge (`data` rows), as delivered to the caller.
///
/// The body is parsed once, here: `rows` are its `data` array. The `paging.next` URL is deliberately not
/// exposed (it carries the access token).
public struct GraphPage: Sendable, Equatable {
    /// The response body bytes, exactly as received (an object with `data` and maybe `paging`).
    public let body: Data
    /// The `data` rows, each exactly as Meta sent it.
    public let rows: [JSONValue]
    /// Whether Meta gave a `paging.next` link (the only sign that more rows follow).
    public let hasNext: Bool
    /// The client's request number that fetched this page.
    public let requestNumber: Int
    /// 1-based page number within this listing.
    public let pageNumber: Int
    /// The `limit` the page was asked with, if any.
    public let limit: Int?

    /// Creates a page.
    public init(body: Data, rows: [JSONValue], hasNext: Bool, requestNumber: Int, pageNumber: Int, limit: Int?) {
        self.body = body
        self.rows = rows
        self.hasNext = hasNext
        self.requestNumber = requestNumber
        self.pageNumber = pageNumber
        self.limit = limit
    }

    /// How many rows `data` holds.
    public var rowCount: Int { rows.count }
}
