import JSON
import Normalization

/// One insight row of a saved Graph response, and where it came from.
public struct GraphSavedRow: Sendable, Equatable {
    /// The row exactly as saved (parsed from ``canonical`` when the reader kept only that).
    public var value: JSONValue {
        if let tree { return tree }
        return canonical.flatMap { try? JSONParser.parse($0) } ?? .null
    }
    /// The row's canonical JSON when the reader rewrote it from the file's bytes with no tree (``RawCanonicalizer``);
    /// nil when it parsed the row.
    package let canonical: [UInt8]?
    /// The row's top-level keys, read with ``canonical`` (nil when it parsed the row, or could not read them).
    package let keys: InsightRowKeys?
    private let tree: JSONValue?
    /// Where the row is, for messages: `file`, `file:line`, plus ` row N` or ` insight N`.
    public let locator: String
    /// The account the row's page was fetched for, `act_<digits>`, read from that page's `paging` URLs
    /// (the URLs themselves are never kept): rows of an ads-edge page carry no `account_id` of their own.
    public let pageAccount: String?

    init(value: JSONValue, locator: String, pageAccount: String?) {
        (tree, canonical, keys, self.locator, self.pageAccount) = (value, nil, nil, locator, pageAccount)
    }

    init(canonical: [UInt8], keys: InsightRowKeys?, locator: String, pageAccount: String?) {
        (tree, self.canonical, self.keys, self.locator, self.pageAccount) = (nil, canonical, keys, locator, pageAccount)
    }

    public static func == (a: GraphSavedRow, b: GraphSavedRow) -> Bool {
        a.value == b.value && a.locator == b.locator && a.pageAccount == b.pageAccount
    }
}
