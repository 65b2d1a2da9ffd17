/// One brand-to-account link, as `brand list` shows it.
public struct BrandLink: Sendable, Equatable {
    public let brandId: String
    public let accountId: String
    public let accountName: String?
    public let isPrimary: Bool
    public let linkedAt: String
}
