import JSON

/// One insight row of a saved Graph response, and where it came from.
public struct GraphSavedRow: Sendable, Equatable {
    /// The row exactly as saved.
    public let value: JSONValue
    /// Where the row is, for messages: `file`, `file:line`, plus ` row N` or ` insight N`.
    public let locator: String
    /// The account the row's page was fetched for, `act_<digits>`, read from that page's `paging` URLs
    /// (the URLs themselves are never kept): rows of an ads-edge page carry no `account_id` of their own.
    public let pageAccount: String?
}
