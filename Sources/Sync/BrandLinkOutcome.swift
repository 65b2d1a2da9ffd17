import Ledger

/// What `brand link` did.
public struct BrandLinkOutcome: Sendable {
    /// The link as recorded.
    public let link: BrandLink
    /// Whether Meta was asked (and said ok); false when linked offline (no token, or `--offline`).
    public let checkedWithMeta: Bool
    /// The account's currency and time zone as Meta gave them; nil when linked offline.
    public let currency: String?
    public let timezoneName: String?
    /// Things worth telling the user that did not stop the link (a token that expires soon).
    public let warnings: [String]
}
