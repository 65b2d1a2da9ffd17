/// A registered creative as the suggester sees it.
public struct CreativeRef: Sendable, Hashable {
    /// The generated ad id: a UUID, lower case.
    public let id: String
    /// The first 8 hex digits of `id`, lower case.
    public let shortId: String
    /// The brand the creative was generated for.
    public let brandId: String

    /// Creates a reference from its parts as stored.
    public init(id: String, shortId: String, brandId: String) {
        self.id = id
        self.shortId = shortId
        self.brandId = brandId
    }

    /// Creates a reference, lower-casing `id` and deriving `shortId` from it.
    public init(id: String, brandId: String) {
        let lower = id.lowercased()
        self.init(id: lower, shortId: CreativeID.shortId(of: lower), brandId: brandId)
    }
}
