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
            let mask = specialBytes(word)
            if mask != 0 {
                // The lowest flagged byte is exact (see `specialBytes`): the run ends there.
                let offset = mask.trailingZeroBitCount >> 3
                if offset > 0 { high |= word & (UInt64.max >> (64 - 8 * UInt64(offset))) }
                return (i + offset, high & highs != 0 ? 0x80 : 0)
            }
            high |= word
            i += 8
        }
        var highByte: UInt8 = high & highs != 0 ? 0x80 : 0
        while i < count {
            let byte = base[i]
            if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") || byte < 0x20 { break }
            highByte |= byte
            i += 1
        }
        return (i, highByte)
    }

    /// Whether `literal` (`true`, `false`, `null`) is spelled at `start`.
    static func matches(_ literal: StaticString, in bytes: UnsafeBufferPointer<UInt8>, at start: Int) -> Bool {
        let count = literal.utf8CodeUnitCount
        guard start + count <= bytes.count else { return false }
        for offset in 0..<count where bytes[start + offset] != literal.utf8Start[offset] { return false }
        return true
    }

    /// The end of the JSON number starting at `start` (the grammar of ``JSONParser``'s `parseNumber()`: an optional
    /// `-`, `0` or digits not starting with `0`, an optional fraction and exponent); nil when none starts there.
    static func numberEnd(in bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        func isDigit(_ i: Int) -> Bool { i < bytes.count && bytes[i] >= 0x30 && bytes[i] <= 0x39 }
        var i = start
        if i < bytes.count, bytes[i] == UInt8(ascii: "-") { i += 1 }
        guard isDigit(i) else { return nil }
        if bytes[i] == UInt8(ascii: "0") {
            i += 1
        } else {
            while isDigit(i) { i += 1 }
        }
        if i < bytes.count, bytes[i] == UInt8(ascii: ".") {
            i += 1
            guard isDigit(i) else { return nil }
            while isDigit(i) { i += 1 }
        }
        if i < bytes.count, bytes[i] == UInt8(ascii: "e") || bytes[i] == UInt8(ascii: "E") {
            i += 1
            if i < bytes.count, bytes[i] == UInt8(ascii: "+") || bytes[i] == UInt8(ascii: "-") { i += 1 }
            guard isDigit(i) else { return nil }
            while isDigit(i) { i += 1 }
        }
        return i
    }

    private static let ones: UInt64 = 0x0101_0101_0101_0101
    private static let highs: UInt64 = 0x8080_8080_8080_8080

    /// The high bit of each byte of `word` (little-endian) that may be `"`, `\` or below 0x20.
    ///
    /// Each test borrows only upward, so a flag can be wrong only above a correct one: the lowest
    /// flag is exact, and the mask is zero exactly when no byte is special.
    @inline(__always)
    private static func specialBytes(_ word: UInt64) -> UInt64 {
        let control = (word &- ones &* 0x20) & ~word & highs
        let quote = word ^ (ones &* 0x22)
        let backslash = word ^ (ones &* 0x5C)
        let quoteZero = (quote &- ones) & ~quote & highs
        let backslashZero = (backslash &- ones) & ~backslash & highs
        return control | quoteZero | backslashZero
    }
}
