/// What an ad-name token stands for.
public enum AdNameTokenKind: Sendable, Hashable {
    /// 8 hex digits: a possible creative short id (also the first group of a full UUID).
    case shortId
    /// 6 hex digits, the second group of a legacy `<6 hex>-<6 hex>` pair: a possible prefix of a
    /// creative id.
    case legacyPrefix
}
