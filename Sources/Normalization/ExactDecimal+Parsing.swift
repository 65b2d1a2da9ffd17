import JSON

/// Reading Meta's numeric strings.
///
/// A text is accepted when it is an optional `-`, one or more ASCII digits, an optional `.` followed by one or more
/// digits, and an optional `e`/`E` with an optional sign and one or more digits. Anything else is malformed: the
/// empty string, surrounding whitespace, a leading `+`, `.5`, `1.`, `NaN`, `Infinity`, hex, digit separators.
///
/// A text is also malformed when it has more than ``ExactDecimal/maxSignificantDigits`` significant digits, or an
/// exponent (of the shortest form, trailing zeros folded in) outside `-128...127`, such as `1e400` or `1e-200`.
/// Zero is always exact (`"-0"`, `"0e999"` read as 0).
extension ExactDecimal {
    private static let exponentRange = -128...127

    /// Reads a numeric text exactly; nil when it is malformed or out of range.
    public static func parse(_ text: String) -> ExactDecimal? {
        var text = text
        return text.withUTF8 { parse(bytes: $0) }
    }

    /// Reads a JSON string or number the same way as the string form; nil for any other
    /// JSON value (null, booleans, arrays, objects) and for malformed text.
    public static func parse(_ value: JSONValue) -> ExactDecimal? {
        switch value {
        case .string(let text), .number(let text): parse(text)
        default: nil
        }
    }

    /// Reads a numeric text given as its UTF-8 bytes, as ``parse(_:)-(String)`` reads the string they spell.
    ///
    /// One pass over the text: where the digits are, then the value — built in 64 bits when it has at most 19
    /// significant digits (every amount Meta sends), else in 128.
    package static func parse(bytes: UnsafeBufferPointer<UInt8>) -> ExactDecimal? {
        if let plain = parsePlain(bytes: bytes) { return plain }
        let count = bytes.count
        var i = 0
        let negative = i < count && bytes[i] == UInt8(ascii: "-")
        if negative { i += 1 }

        let integerStart = i
        while i < count, isDigit(bytes[i]) { i += 1 }
        let integerEnd = i
        guard integerEnd > integerStart else { return nil }

        var fractionStart = i
        var fractionEnd = i
        if i < count, bytes[i] == UInt8(ascii: ".") {
            i += 1
            fractionStart = i
            while i < count, isDigit(bytes[i]) { i += 1 }
            fractionEnd = i
            guard fractionEnd > fractionStart else { return nil }
        }

        var exponent = 0
        if i < count, bytes[i] == UInt8(ascii: "e") || bytes[i] == UInt8(ascii: "E") {
            i += 1
            var exponentNegative = false
            if i < count, bytes[i] == UInt8(ascii: "+") || bytes[i] == UInt8(ascii: "-") {
                exponentNegative = bytes[i] == UInt8(ascii: "-")
                i += 1
            }
            let exponentStart = i
            while i < count, isDigit(bytes[i]) {
                // Clamp: anything this large is out of range anyway, and Int must not overflow.
                if exponent < 1_000_000_000 { exponent = exponent * 10 + Int(bytes[i] - UInt8(ascii: "0")) }
                i += 1
            }
            guard i > exponentStart else { return nil }
            if exponentNegative { exponent = -exponent }
        }
        guard i == count else { return nil }

        // The significant digits run from the first non-zero digit to the last non-zero digit,
        // across the integer and fraction parts (the '.' between them is skipped).
        let fractionDigits = fractionEnd - fractionStart
        let integerCount = integerEnd - integerStart
        func digit(at position: Int) -> UInt8 {
            // position counts digits only: 0..<integerCount are integer digits, then the fraction.
            let index = position < integerCount ? integerStart + position : fractionStart + position - integerCount
            return bytes[index] - UInt8(ascii: "0")
        }
        let digitCount = integerCount + fractionDigits
        var first = 0
        while first < digitCount, digit(at: first) == 0 { first += 1 }
        guard first < digitCount else { return .zero }
        var last = digitCount - 1
        while digit(at: last) == 0 { last -= 1 }
        let trailingZeros = digitCount - 1 - last
        let significantCount = last - first + 1
        guard significantCount <= maxSignificantDigits else { return nil }

        let scaledExponent = exponent - fractionDigits + trailingZeros
        guard exponentRange.contains(scaledExponent) else { return nil }

        // The last digit is not zero: the form is canonical as it is.
        if significantCount <= 19 {
            var value: UInt64 = 0
            for position in first...last { value = value &* 10 &+ UInt64(digit(at: position)) }
            return ExactDecimal(narrow: value, exponent: scaledExponent, negative: negative)
        }
        var value: UInt128 = 0
        for position in first...last { value = value &* 10 &+ UInt128(digit(at: position)) }
        return ExactDecimal(significand: value, exponent: scaledExponent, negative: negative)
    }

    /// The common shape in one pass: `-`? digits (`.` digits)? with at most 18 digits in all, so the value cannot
    /// overflow 64 bits and its exponent is in range. Nil for any other text, which ``parse(bytes:)`` then reads
    /// (and may still accept).
    private static func parsePlain(bytes: UnsafeBufferPointer<UInt8>) -> ExactDecimal? {
        let count = bytes.count
        let negative = count > 0 && bytes[0] == UInt8(ascii: "-")
        var i = negative ? 1 : 0
        guard count - i <= 19 else { return nil }
        var value: UInt64 = 0
        var integerDigits = 0
        var fractionDigits = 0
        var seenPoint = false
        while i < count {
            let byte = bytes[i]
            if isDigit(byte) {
                value = value &* 10 &+ UInt64(byte &- UInt8(ascii: "0"))
                if seenPoint { fractionDigits += 1 } else { integerDigits += 1 }
            } else if byte == UInt8(ascii: "."), !seenPoint, integerDigits > 0 {
                seenPoint = true
            } else {
                return nil
            }
            i += 1
        }
        guard integerDigits > 0, !seenPoint || fractionDigits > 0, integerDigits + fractionDigits <= 18 else {
            return nil
        }
        return ExactDecimal(narrow: value, exponent: -fractionDigits, negative: negative)
    }

    private static func isDigit(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
    }
}
