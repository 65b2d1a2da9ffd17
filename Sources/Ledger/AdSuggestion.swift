import Matching

/// One row of `match_suggestions`: a Meta ad and a creative suggested for it.
public struct AdSuggestion: Sendable, Equatable {
    public let metaAdId: String
    public let accountId: String?
    public let adName: String?
    /// The creative suggested and why.
    public let suggestion: MatchSuggestion
}
