/// The kind of a match suggestion, spelled as in the `match_suggestions.kind` column.
public enum MatchKind: String, Sendable, Hashable, CaseIterable {
    /// One creative carries the short id and its brand is one of the ad account's brands.
    case exact
    /// One creative carries the short id but its brand is not one of the account's brands (or
    /// the account has no brand).
    case crossBrand = "cross_brand"
    /// Several creatives share the short id; one suggestion per creative, never auto-linked.
    case ambiguous
    /// The ad name has candidate tokens but none names a registered creative.
    case unknownId = "unknown_id"
}
