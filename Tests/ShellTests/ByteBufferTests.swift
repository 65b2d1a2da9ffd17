import Testing

@testable import Shell

@Suite struct ByteBufferTests {
    static func text(_ buffer: ByteBuffer) -> String { buffer.withBytes { String(decoding: $0, as: UTF8.self) } }

    @Test(arguments: [Int64.min, -1, 0, 7, 1_234_567_890, Int64.max])
    func decimalsAreSpelledAsStringDoes(value: Int64) {
        var buffer = ByteBuffer()
        buffer.appendDecimal(value)
        #expect(Self.text(buffer) == String(value))
    }

    /// Trimming must match `String`'s `while last == " " { removeLast() }`, which stops at a space held in
    /// one grapheme cluster by a prepended mark (U+0600 ARABIC NUMBER SIGN).
    @Test(arguments: ["", "   ", "ab  ", "春  ", "a\u{600}   ", "\u{600} ", "x e\u{301}  ", "no trailing"])
    func trimmingMatchesStringTrimming(text: String) {
        var expected = text
        while expected.last == " " { expected.removeLast() }
        var buffer = ByteBuffer()
        buffer.append("prefix|")
        buffer.append(text)
        buffer.trimTrailingSpaces(after: 7)
        #expect(Self.text(buffer) == "prefix|" + expected)
    }

    @Test func escapingDoublesTheTarget() {
        var buffer = ByteBuffer()
        Array("a|b||".utf8).withUnsafeBytes { buffer.append($0, escaping: 0x7C, with: 0x5C) }
        #expect(Self.text(buffer) == "a\\|b\\|\\|")
    }
}
