import Foundation

/// One page of an edge (`data` rows), as delivered to the caller.
///
/// `body` is the whole response body; the caller parses the rows with its own JSON parser. The
/// `paging.next` URL is deliberately not exposed (it carries the access token).
public struct GraphPage: Sendable, Equatable {
    /// The response body bytes, exactly as received (an object with `data` and maybe `paging`).
    public let body: Data
    /// How many rows `data` holds.
    public let rowCount: Int
    /// Whether Meta gave a `paging.next` link (the only sign that more rows follow).
    public let hasNext: Bool
    /// The client's request number that fetched this page.
    public let requestNumber: Int
    /// 1-based page number within this listing.
    public let pageNumber: Int
    /// The `limit` the page was asked with, if any.
    public let limit: Int?

    /// Creates a page.
    public init(body: Data, rowCount: Int, hasNext: Bool, requestNumber: Int, pageNumber: Int, limit: Int?) {
        self.body = body
        self.rowCount = rowCount
        self.hasNext = hasNext
        self.requestNumber = requestNumber
        self.pageNumber = pageNumber
        self.limit = limit
    }
}
