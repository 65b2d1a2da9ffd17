/// One account's date range, the unit a sync fetches, commits coverage for, and resumes by.
public struct SyncChunk: Sendable, Hashable, Codable {
    public let accountId: String
    public let since: String
    public let until: String

    public init(accountId: String, since: String, until: String) {
        self.accountId = accountId
        self.since = since
        self.until = until
    }
}
