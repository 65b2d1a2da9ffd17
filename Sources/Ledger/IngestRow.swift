import JSON

/// One raw insight row handed to ``Ledger/ingest(_:account:)``, and where it came from.
public struct IngestRow: Sendable, Equatable {
    /// The row exactly as Meta sent it.
    public let value: JSONValue
    /// Where the row is, for messages (e.g. `pages.json row 3`).
    public let locator: String
    /// The account the row's page was fetched for, used when neither `--account` nor the row names one.
    public let pageAccount: String?

    /// Creates a row.
    public init(value: JSONValue, locator: String, pageAccount: String? = nil) {
        self.value = value
        self.locator = locator
        self.pageAccount = pageAccount
    }
}
