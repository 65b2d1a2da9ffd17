import JSON
import Normalization

/// One raw insight row handed to ``Ledger/ingest(_:account:)``, and where it came from.
public struct IngestRow: Sendable, Equatable {
    /// The row exactly as Meta sent it (parsed from its canonical bytes when the source gave only those).
    public var value: JSONValue {
        if let tree { return tree }
        return canonical.flatMap { try? JSONParser.parse($0) } ?? .null
    }
    /// The row's canonical JSON, when the source read it from bytes with no tree: ingest then canonicalises, hashes
    /// and normalizes it from these bytes.
    package let canonical: [UInt8]?
    /// The top-level keys of ``canonical``, when the source read them with it (ingest then reads the row's
    /// identity from them instead of scanning the bytes again).
    package let keys: InsightRowKeys?
    private let tree: JSONValue?
    /// Where the row is, for messages (e.g. `pages.json row 3`).
    public let locator: String
    /// The account the row's page was fetched for, used when neither `--account` nor the row names one.
    public let pageAccount: String?

    /// Creates a row.
    public init(value: JSONValue, locator: String, pageAccount: String? = nil) {
        (tree, canonical, keys, self.locator, self.pageAccount) = (value, nil, nil, locator, pageAccount)
    }

    /// Creates a row from its canonical JSON (``JSONValue/canonicalBytes`` of the row).
    package init(canonical: [UInt8], keys: InsightRowKeys? = nil, locator: String, pageAccount: String? = nil) {
        (tree, self.canonical, self.keys, self.locator, self.pageAccount) = (nil, canonical, keys, locator, pageAccount)
    }

    public static func == (a: IngestRow, b: IngestRow) -> Bool {
        a.value == b.value && a.locator == b.locator && a.pageAccount == b.pageAccount
    }
}
