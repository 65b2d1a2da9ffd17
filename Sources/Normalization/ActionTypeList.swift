/// A column's action types in order of preference (``Normalizer/purchaseActionTypes`` and the like), with each
/// type's index among ``used``: the byte reader matches an entry's type once, to an index, and the columns then
/// compare indexes rather than strings.
struct ActionTypeList: Sendable {
    /// The types, as the column prefers them.
    let names: [String]
    /// Each type's index in ``used``, by the same position.
    let indexes: [Int]

    init(_ names: [String]) {
        self.names = names
        indexes = names.map { name in Self.used.firstIndex { $0.description == name } ?? -1 }
    }

    /// Every action type some column reads, as static text (no reference counting while matching): entries of any
    /// other type are never chosen, so the byte reader drops them.
    static let used: [StaticString] = [
        "omni_purchase", "purchase", "offsite_conversion.fb_pixel_purchase", "omni_add_to_cart", "add_to_cart",
        "offsite_conversion.fb_pixel_add_to_cart", "omni_landing_page_view", "landing_page_view",
        "omni_initiated_checkout", "initiate_checkout", "offsite_conversion.fb_pixel_initiate_checkout",
        "omni_view_content", "view_content", "offsite_conversion.fb_pixel_view_content", "outbound_click", "video_view",
    ]

    static let purchases = ActionTypeList(Normalizer.purchaseActionTypes)
    static let addToCarts = ActionTypeList(Normalizer.addToCartActionTypes)
    static let landingPageViews = ActionTypeList(Normalizer.landingPageViewActionTypes)
    static let initiateCheckouts = ActionTypeList(Normalizer.initiateCheckoutActionTypes)
    static let contentViews = ActionTypeList(Normalizer.contentViewActionTypes)
    static let outboundClicks = ActionTypeList(["outbound_click"])
    static let videoViews = ActionTypeList(["video_view"])

    /// Every list a column reads.
    static let all = [purchases, addToCarts, landingPageViews, initiateCheckouts, contentViews, outboundClicks, videoViews]

    /// Whether ``used`` holds every action type a column reads, and no other.
    static var usedIsComplete: Bool {
        Set(used.map(\.description)) == Set(all.flatMap(\.names))
    }
}
