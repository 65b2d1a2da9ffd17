/// Terminal display width: East Asian wide characters and emoji take two columns, combining marks and
/// zero-width characters none, everything else one.
package enum DisplayWidth {
    /// The number of terminal columns `text` takes.
    package static func of(_ text: String) -> Int {
        // Fast path: printable ASCII is one column per byte.
        var ascii = true
        for byte in text.utf8 where byte < 0x20 || byte > 0x7E {
            ascii = false
            break
        }
        if ascii { return text.utf8.count }
        if let width = simpleWidth(text) { return width }
        var width = 0
        for character in text { width += of(character) }
        return width
    }

    /// The width of text made only of scalars that are each a grapheme cluster of their own (printable
    /// Latin, kana, CJK ideographs, Hangul syllables, fullwidth forms), summed without grapheme breaking;
    /// nil when any other scalar appears.
    private static func simpleWidth(_ text: String) -> Int? {
        var width = 0
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x20...0x7E, 0xA0..<0x300: width += 1
            case 0x3041...0x3096, 0x30A0...0x30FF, 0x4E00...0x9FFF, 0xAC00...0xD7A3, 0xFF01...0xFF60: width += 2
            default: return nil
            }
        }
        return width
    }

    /// The number of terminal columns one grapheme cluster takes (0, 1 or 2).
    package static func of(_ character: Character) -> Int {
        let scalars = character.unicodeScalars
        guard let first = scalars.first else { return 0 }
        if scalars.count > 1 {
            // Emoji sequences (ZWJ families, flags, keycaps, VS16 presentation) are drawn as one wide glyph.
            var isEmoji = false
            var regionalIndicators = 0
            for scalar in scalars {
                if scalar.value == 0xFE0F || scalar.value == 0x200D || scalar.properties.isEmojiPresentation {
                    isEmoji = true
                }
                if (0x1F1E6...0x1F1FF).contains(scalar.value) { regionalIndicators += 1 }
            }
            if isEmoji || regionalIndicators >= 2 { return 2 }
        }
        return of(first)
    }

    /// The width of one scalar on its own.
    static func of(_ scalar: Unicode.Scalar) -> Int {
        let value = scalar.value
        if value < 0x20 || (0x7F..<0xA0).contains(value) { return 0 }
        if value < 0x300 { return 1 }
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .format: return 0
        default: break
        }
        if (0x1160...0x11FF).contains(value) { return 0 }  // Hangul medial vowels and final consonants
        if scalar.properties.isEmojiPresentation { return 2 }
        switch value {
        case 0x1100...0x115F, 0x231A...0x231B, 0x2329...0x232A, 0x2E80...0x303E, 0x3041...0x33FF,
            0x3400...0x4DBF, 0x4E00...0x9FFF, 0xA000...0xA4CF, 0xA960...0xA97F, 0xAC00...0xD7A3,
            0xF900...0xFAFF, 0xFE10...0xFE19, 0xFE30...0xFE6F, 0xFF00...0xFF60, 0xFFE0...0xFFE6,
            0x16FE0...0x16FE4, 0x17000...0x18CFF, 0x1B000...0x1B2FF, 0x1F200...0x1F2FF, 0x20000...0x2FFFD,
            0x30000...0x3FFFD:
            return 2
        default:
            return 1
        }
    }

    /// Cuts `text` to at most `width` columns, ending in `…` when anything was cut.
    package static func truncate(_ text: String, to width: Int) -> String {
        guard of(text) > width else { return text }
        guard width > 1 else { return width == 1 ? "…" : "" }
        var out = ""
        var used = 0
        for character in text {
            let w = of(character)
            if used + w > width - 1 { break }
            out.append(character)
            used += w
        }
        return out + "…"
    }
}
