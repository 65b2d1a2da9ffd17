import Foundation

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
        var utf8 = text.utf8.makeIterator()
        return parse(bytes: &utf8)
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
    public static func divide(_ dividend: Decimal, by divisor: Decimal) -> Decimal? {
        guard !divisor.isZero, !dividend.isNaN, !divisor.isNaN else { return nil }
        var quotient = dividend / divisor
        guard !quotient.isNaN else { return nil }
        var rounded = Decimal()
        NSDecimalRound(&rounded, &quotient, divisionScale, .plain)
        return rounded.isNaN ? nil : rounded
    }

    private static func parse(bytes: inout String.UTF8View.Iterator) -> Decimal? {
        var next = bytes.next()
        var negative = false
        if next == UInt8(ascii: "-") {
            negative = true
            next = bytes.next()
        }

        var significant: [UInt8] = []  // digit values, leading zeros dropped
        var sawIntegerDigit = false
        while let byte = next, let digit = digitValue(byte) {
            sawIntegerDigit = true
            if !(significant.isEmpty && digit == 0) { significant.append(digit) }
            next = bytes.next()
        }
        guard sawIntegerDigit else { return nil }

        var fractionDigits = 0
        if next == UInt8(ascii: ".") {
            next = bytes.next()
            var sawFractionDigit = false
            while let byte = next, let digit = digitValue(byte) {
                sawFractionDigit = true
                fractionDigits += 1
                if !(significant.isEmpty && digit == 0) { significant.append(digit) }
                next = bytes.next()
            }
            guard sawFractionDigit else { return nil }
        }

        var exponent = 0
        if next == UInt8(ascii: "e") || next == UInt8(ascii: "E") {
            next = bytes.next()
            var exponentNegative = false
            if next == UInt8(ascii: "+") || next == UInt8(ascii: "-") {
                exponentNegative = next == UInt8(ascii: "-")
                next = bytes.next()
            }
            var sawExponentDigit = false
            while let byte = next, let digit = digitValue(byte) {
                sawExponentDigit = true
                // Clamp: anything this large is out of range anyway, and Int must not overflow.
                if exponent < 1_000_000_000 { exponent = exponent * 10 + Int(digit) }
                next = bytes.next()
            }
            guard sawExponentDigit else { return nil }
            if exponentNegative { exponent = -exponent }
        }
        guard next == nil else { return nil }

        var trailingZeros = 0
        while significant.last == 0 {
            significant.removeLast()
            trailingZeros += 1
        }
        guard !significant.isEmpty else { return Decimal.zero }
        guard significant.count <= maxSignificantDigits else { return nil }

        let scaledExponent = exponent - fractionDigits + trailingZeros
        guard exponentRange.contains(scaledExponent) else { return nil }

        let result = Decimal(
            sign: negative ? .minus : .plus,
            exponent: scaledExponent,
            significand: integer(from: significant)
        )
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

    private static func digitValue(_ byte: UInt8) -> UInt8? {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") ? byte - UInt8(ascii: "0") : nil
    }
}
