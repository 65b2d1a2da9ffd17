import Testing

@testable import Shell

@Suite struct DisplayWidthTests {
    @Test(arguments: [
        ("abc", 3),
        ("", 0),
        ("春のセール", 10),
        ("한국어", 6),
        ("ｱｲｳ", 3),  // half-width katakana
        ("ＡＢ", 4),  // full-width Latin
        ("🎉", 2),
        ("👍🏽", 2),  // skin tone modifier
        ("👨‍👩‍👧", 2),  // ZWJ family
        ("🇯🇵", 2),  // flag
        ("❤️", 2),  // VS16 makes it emoji
        ("1️⃣", 2),  // keycap
        ("é", 1),  // precomposed
        ("e\u{301}", 1),  // combining acute
        ("a\u{200B}b", 2),  // zero-width space
        ("Ωμέγα", 5),
        ("tab\there", 7),  // control characters take no column of their own
    ])
    func width(text: String, expected: Int) {
        #expect(DisplayWidth.of(text) == expected)
    }

    @Test func truncateCountsColumnsNotCharacters() {
        #expect(DisplayWidth.truncate("春のセール", to: 5) == "春の…")
        #expect(DisplayWidth.truncate("春のセール", to: 6) == "春の…")  // a wide character never straddles the cut
        #expect(DisplayWidth.truncate("abcdef", to: 4) == "abc…")
        #expect(DisplayWidth.truncate("abc", to: 3) == "abc")
        #expect(DisplayWidth.truncate("abc", to: 1) == "…")
        #expect(DisplayWidth.truncate("🎉🎉🎉", to: 4) == "🎉…")
    }

    /// The scalar-by-scalar fast path (no grapheme breaking) agrees with the per-character count, also
    /// where it must step aside (combining marks, voiced kana marks, Hangul jamo, emoji, Greek).
    @Test(arguments: [
        "Ad 12 日本", "春のセール", "ｶﾀｶﾅ", "ＡＢＣ！", "café", "naïve £5 ©", "가나다", "가\u{11A8}", "か\u{3099}",
        "ガ", "e\u{301}x", "日本🎉", "Ωμέγα", "\u{A0}\u{AD}x", "ア・ー",
    ])
    func fastPathAgreesWithCharacters(text: String) {
        #expect(DisplayWidth.of(text) == text.reduce(0) { $0 + DisplayWidth.of($1) })
    }

    /// Every scalar the fast path knows, side by side: each must be a grapheme cluster of its own.
    @Test func fastPathScalarsNeverJoin() {
        let ranges: [ClosedRange<UInt32>] = [
            0x20...0x7E, 0xA0...0x2FF, 0x3041...0x3096, 0x30A0...0x30FF, 0x4E00...0x9FFF, 0xAC00...0xD7A3,
            0xFF01...0xFF60,
        ]
        var text = String.UnicodeScalarView()
        for range in ranges { text.append(contentsOf: range.compactMap(Unicode.Scalar.init)) }
        let string = String(text)
        #expect(string.count == string.unicodeScalars.count)
        #expect(DisplayWidth.of(string) == string.reduce(0) { $0 + DisplayWidth.of($1) })
    }
}
