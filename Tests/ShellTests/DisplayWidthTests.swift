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
}
