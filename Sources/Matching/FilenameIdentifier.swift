/// How a parsed creative filename names its creative.
public enum FilenameIdentifier: Sendable, Hashable {
    /// Current scheme: the creative's 8-hex-digit short id, lower case.
    case shortId(String)
    /// Legacy scheme: the first 6 hex digits of the creative id, lower case.
    case legacyPrefix(String)
}
