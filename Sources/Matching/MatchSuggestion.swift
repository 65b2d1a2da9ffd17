/// One row of `match_suggestions` for a Meta ad (the ad's own ids are the caller's).
public struct MatchSuggestion: Sendable, Hashable {
    /// The suggested creative's id; nil for `.unknownId`.
    public let generatedAdId: String?
    /// The suggested creative's short id; for `.unknownId`, the token found in the name (8 hex
    /// digits, or 6 for a legacy prefix).
    public let shortId: String
    /// Why this creative is suggested.
    public let kind: MatchKind

    /// Creates a suggestion.
    public init(generatedAdId: String?, shortId: String, kind: MatchKind) {
        self.generatedAdId = generatedAdId
        self.shortId = shortId
        self.kind = kind
    }
}
