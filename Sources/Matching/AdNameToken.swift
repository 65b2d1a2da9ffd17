/// A candidate creative identifier found in a Meta ad name.
public struct AdNameToken: Sendable, Hashable {
    /// The hex digits, lower case: 8 for `.shortId`, 6 for `.legacyPrefix`.
    public let value: String
    /// Offset of the token's first character in the ad name, counted in `Character`s.
    public let offset: Int
    /// Whether this is a short-id or a legacy-prefix candidate.
    public let kind: AdNameTokenKind
    /// True when every digit is 0–9.
    public let isAllDigits: Bool
    /// True for an all-digit 8-digit token that reads as a date: YYYYMMDD, DDMMYYYY or MMDDYYYY,
    /// years 1900–2100, a real calendar day (`20251218`, `18122025`, `12182025`).
    public let isDate: Bool
    /// True when the token is the first group of a full `8-4-4-4-12` UUID in the name.
    public let isInUUID: Bool

    /// Creates a token; `value` is expected in lower case.
    public init(
        value: String, offset: Int, kind: AdNameTokenKind, isAllDigits: Bool, isDate: Bool, isInUUID: Bool
    ) {
        self.value = value
        self.offset = offset
        self.kind = kind
        self.isAllDigits = isAllDigits
        self.isDate = isDate
        self.isInUUID = isInUUID
    }
}
