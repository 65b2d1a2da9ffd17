/// The parts of a creative filename, current (`d4e5f6a7-WP-C3-SQ.png`) or legacy
/// (`WP-C3-a1b2c3-d4e5f6-SQ.png`).
public struct ParsedCreativeFilename: Sendable, Hashable {
    /// The short id (current scheme) or 6-hex id prefix (legacy scheme), lower case.
    public let identifier: FilenameIdentifier
    /// The brand part, as written.
    public let brand: String
    /// The concept part, as written.
    public let concept: String
    /// The format part, as written.
    public let format: String
    /// The extension, without the dot, as written.
    public let ext: String

    /// Creates parsed parts; `identifier`'s hex text is expected in lower case.
    public init(identifier: FilenameIdentifier, brand: String, concept: String, format: String, ext: String) {
        self.identifier = identifier
        self.brand = brand
        self.concept = concept
        self.format = format
        self.ext = ext
    }

    /// The 8-digit short id for a current-scheme name; nil for a legacy name.
    public var shortId: String? {
        if case .shortId(let value) = identifier { value } else { nil }
    }

    /// The 6-digit id prefix for a legacy name; nil for a current-scheme name.
    public var legacyPrefix: String? {
        if case .legacyPrefix(let value) = identifier { value } else { nil }
    }

    /// True for the legacy scheme `<BRAND>-<CONCEPT>-<6 hex>-<6 hex>-<FORMAT>.<ext>`.
    public var isLegacy: Bool { legacyPrefix != nil }
}
