/// The creative filename scheme `<short_id>-<BRAND>-<CONCEPT>-<FORMAT>.<ext>`, e.g.
/// `d4e5f6a7-WP-C3-SQ.png`, and the legacy scheme `<BRAND>-<CONCEPT>-<6 hex>-<6 hex>-<FORMAT>.<ext>`.
///
/// Brand, concept, format and extension are made of ASCII letters, digits and `_` only, so `-`
/// and `.` can separate the parts unambiguously and the name survives file systems, URLs and ad
/// names unchanged.
public enum CreativeFilename {
    /// The filename for a creative: `<first 8 hex digits of id, lower case>-<brand>-<concept>-<format>.<ext>`.
    ///
    /// - Throws: `.invalidCreativeID` when `id` is not a canonical UUID (any case);
    ///   `.emptyFilenamePart` or `.invalidFilenamePart` when a part is empty or holds anything
    ///   but ASCII letters, digits and `_` (so no `-`, `.`, `/`, whitespace or control characters).
    public static func make(
        id: String,
        brand: String,
        concept: String,
        format: String,
        ext: String = "png"
    ) throws(MatchingError) -> String {
        let canonical = try CreativeID.validated(id)
        try check(brand, part: "brand")
        try check(concept, part: "concept")
        try check(format, part: "format")
        try check(ext, part: "ext")
        return "\(CreativeID.shortId(of: canonical))-\(brand)-\(concept)-\(format).\(ext)"
    }

    /// The parts of `filename` when it follows the current or the legacy scheme; nil otherwise.
    ///
    /// Decisions: the name must be bare (no directory); the extension is what follows the last
    /// `.`; hex groups are accepted in any case and returned lower case; the other parts are
    /// returned as written and must obey the same character rules as `make`.
    public static func parse(_ filename: String) -> ParsedCreativeFilename? {
        guard let dot = filename.lastIndex(of: ".") else { return nil }
        let ext = String(filename[filename.index(after: dot)...])
        guard isValidPart(ext) else { return nil }
        let parts = filename[..<dot].split(separator: "-", omittingEmptySubsequences: false).map(String.init)
        guard parts.allSatisfy(isValidPart) else { return nil }
        if parts.count == 4, let shortId = lowerHex(parts[0], length: 8) {
            return ParsedCreativeFilename(
                identifier: .shortId(shortId), brand: parts[1], concept: parts[2], format: parts[3], ext: ext)
        }
        if parts.count == 5, lowerHex(parts[2], length: 6) != nil, let prefix = lowerHex(parts[3], length: 6) {
            return ParsedCreativeFilename(
                identifier: .legacyPrefix(prefix), brand: parts[0], concept: parts[1], format: parts[4], ext: ext)
        }
        return nil
    }

    /// Throws unless `value` is a non-empty run of ASCII letters, digits and `_`.
    static func check(_ value: String, part: String) throws(MatchingError) {
        guard !value.isEmpty else { throw .emptyFilenamePart(part: part) }
        if let bad = value.first(where: { !isPartCharacter($0) }) {
            throw .invalidFilenamePart(part: part, value: value, character: bad)
        }
    }

    /// True for a non-empty run of ASCII letters, digits and `_`.
    static func isValidPart(_ value: String) -> Bool {
        !value.isEmpty && value.allSatisfy(isPartCharacter)
    }

    /// True for an ASCII letter, digit or `_`.
    static func isPartCharacter(_ character: Character) -> Bool {
        guard character.isASCII, let scalar = character.unicodeScalars.first else { return false }
        switch scalar {
        case "a"..."z", "A"..."Z", "0"..."9", "_": return true
        default: return false
        }
    }

    /// `text` in lower case when it is exactly `length` ASCII hex digits; nil otherwise.
    static func lowerHex(_ text: String, length: Int) -> String? {
        let bytes = Array(text.utf8)
        guard bytes.count == length else { return nil }
        var lower: [UInt8] = []
        lower.reserveCapacity(length)
        for byte in bytes {
            guard let digit = CreativeID.lowerHexDigit(byte) else { return nil }
            lower.append(digit)
        }
        return String(decoding: lower, as: UTF8.self)
    }
}
