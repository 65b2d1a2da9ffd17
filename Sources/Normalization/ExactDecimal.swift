import Foundation
import JSON

/// Exact reading of Meta's numeric strings, and the one rounding rule for derived quotients.
///
/// Meta sends numbers as decimal strings (`"14.35"`, `"185"`); they are read straight into
/// Foundation's `Decimal` without passing through binary floating point. A text is accepted when
/// it is an optional `-`, one or more ASCII digits, an optional `.` followed by one or more
/// digits, and an optional `e`/`E` with an optional sign and one or more digits. Anything else
/// is malformed: the empty string, surrounding whitespace, a leading `+`, `.5`, `1.`, `NaN`,
/// `Infinity`, hex, digit separators.
///
/// A text is also malformed when `Decimal` cannot hold it exactly: more than
/// ``maxSignificantDigits`` significant digits, or an exponent (of the shortest form, trailing
/// zeros folded in) outside `-128...127`, such as `1e400` or `1e-200`. Zero is always exact
/// (`"-0"`, `"0e999"` read as 0; `Decimal` has no negative zero).
public enum ExactDecimal {
    /// The most significant digits a value may have (leading and trailing zeros not counted).
    public static let maxSignificantDigits = 38

    /// Fractional digits kept by ``divide(_:by:)``.
    public static let divisionScale = 10

    private static let exponentRange = -128...127

    /// Reads a numeric text exactly; nil when it is malformed or cannot be held exactly.
    public static func parse(_ text: String) -> Decimal? {
        var text = text
        return text.withUTF8 { parse(bytes: $0) }
    }

    /// Reads a JSON string or number the same way as the string form; nil for any other
    /// JSON value (null, booleans, arrays, objects) and for malformed text.
    public static func parse(_ value: JSONValue) -> Decimal? {
        switch value {
        case .string(let text), .number(let text): parse(text)
        default: nil
        }
    }

    /// `dividend / divisor`, rounded half away from zero to ``divisionScale`` fractional digits.
    ///
    /// The quotient is computed by `Decimal` to 38 significant digits and then rounded, so the
    /// result has at most 10 fractional digits (`14.35 × 1000 / 185` → `77.5675675676`).
    /// Nil when the divisor is zero or the result overflows.
    ///
    /// Every quotient Meta's numbers give is computed with integers (``integerQuotient(_:by:)``) to the same value;
    /// only operands beyond 64 bits of significand, quotients of 10^8 or more and quotients a hair below a rounding
    /// midpoint go through `Decimal`'s division (``divideViaFoundation(_:by:)``).
    public static func divide(_ dividend: Decimal, by divisor: Decimal) -> Decimal? {
        guard !divisor.isZero, !dividend.isNaN, !divisor.isNaN else { return nil }
        return integerQuotient(dividend, by: divisor) ?? divideViaFoundation(dividend, by: divisor)
    }

    /// `divide(dividend × 10^shift, by: divisor)`, with the power of ten folded into the integer route's scaling
    /// rather than multiplied out in `Decimal` first (cpm is spend × 1000 / impressions, a conversion rate
    /// purchases × 100 / link clicks). `shift` is 0 to 19.
    public static func divide(_ dividend: Decimal, timesPowerOfTen shift: Int, by divisor: Decimal) -> Decimal? {
        guard !divisor.isZero, !dividend.isNaN, !divisor.isNaN else { return nil }
        if let quotient = integerQuotient(dividend, by: divisor, shift: shift) { return quotient }
        // The product as `dividend * Decimal(1000)` made it before.
        let scale = Decimal((0..<shift).reduce(1) { power, _ in power * 10 })
        return divideViaFoundation(dividend * scale, by: divisor)
    }

    /// ``divide(_:by:)`` by `Decimal`'s division and rounding: the definition the integer route must match.
    package static func divideViaFoundation(_ dividend: Decimal, by divisor: Decimal) -> Decimal? {
        guard !divisor.isZero, !dividend.isNaN, !divisor.isNaN else { return nil }
        var quotient = dividend / divisor
        guard !quotient.isNaN else { return nil }
        var rounded = Decimal()
        NSDecimalRound(&rounded, &quotient, divisionScale, .plain)
        return rounded.isNaN ? nil : rounded
    }

    /// One pass over the text: where the digits are, then the value — built from a `UInt64` when
    /// it has at most 18 significant digits (every amount Meta sends), else digit by digit.
    private static func parse(bytes: UnsafeBufferPointer<UInt8>) -> Decimal? {
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
        func digit(at position: Int) -> UInt8 {
            // position counts digits only: 0..<integerCount are integer digits, then the fraction.
            let integerCount = integerEnd - integerStart
            let index = position < integerCount ? integerStart + position : fractionStart + position - integerCount
            return bytes[index] - UInt8(ascii: "0")
        }
        let digitCount = integerEnd - integerStart + fractionDigits
        var first = 0
        while first < digitCount, digit(at: first) == 0 { first += 1 }
        guard first < digitCount else { return Decimal.zero }
        var last = digitCount - 1
        while digit(at: last) == 0 { last -= 1 }
        let trailingZeros = digitCount - 1 - last
        let significantCount = last - first + 1
        guard significantCount <= maxSignificantDigits else { return nil }

        let scaledExponent = exponent - fractionDigits + trailingZeros
        guard exponentRange.contains(scaledExponent) else { return nil }

        let significand: Decimal
        if significantCount <= 18 {
            var value: UInt64 = 0
            for position in first...last { value = value &* 10 &+ UInt64(digit(at: position)) }
            significand = Decimal(value)
        } else {
            significand = integer(from: (first...last).map(digit(at:)))
        }
        let result = Decimal(sign: negative ? .minus : .plus, exponent: scaledExponent, significand: significand)
        return result.isNaN ? nil : result
    }

    /// The integer spelled by at most 38 digit values, built exactly in chunks of 18 digits.
    private static func integer(from digits: [UInt8]) -> Decimal {
        var result = Decimal.zero
        var start = 0
        while start < digits.count {
            let end = min(start + 18, digits.count)
            var chunk: UInt64 = 0
            for digit in digits[start..<end] { chunk = chunk * 10 + UInt64(digit) }
            let shift = Decimal(sign: .plus, exponent: end - start, significand: 1)
            result = result * shift + Decimal(chunk)
            start = end
        }
        return result
    }

    private static func isDigit(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
    }
}
