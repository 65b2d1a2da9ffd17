/// Byte-level helpers shared by the parser and the canonical writer.
enum JSONBytes {
    /// The end of the run starting at `start` that holds no `"`, `\` or control character (the
    /// bytes a JSON string can carry as they are), and the OR of the run's bytes (≥ 0x80 when the
    /// run is not all ASCII). Reads eight bytes at a time.
    static func plainRun(in bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> (end: Int, high: UInt8) {
        guard let base = bytes.baseAddress else { return (start, 0) }
        let count = bytes.count
        var i = start
        var high: UInt64 = 0
        while i + 8 <= count {
            let word = UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)
            if hasSpecialByte(word) { break }
            high |= word
            i += 8
        }
        var highByte = UInt8(truncatingIfNeeded: (high & 0x8080_8080_8080_8080) != 0 ? 0x80 : 0)
        while i < count {
            let byte = base[i]
            if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") || byte < 0x20 { break }
            highByte |= byte
            i += 1
        }
        return (i, highByte)
    }

    private static let ones: UInt64 = 0x0101_0101_0101_0101
    private static let highs: UInt64 = 0x8080_8080_8080_8080

    /// True when some byte of `word` is `"`, `\` or below 0x20 (exact, no false positives).
    @inline(__always)
    private static func hasSpecialByte(_ word: UInt64) -> Bool {
        let control = (word &- ones &* 0x20) & ~word & highs
        let quote = word ^ (ones &* 0x22)
        let backslash = word ^ (ones &* 0x5C)
        let quoteZero = (quote &- ones) & ~quote & highs
        let backslashZero = (backslash &- ones) & ~backslash & highs
        return (control | quoteZero | backslashZero) != 0
    }
}
