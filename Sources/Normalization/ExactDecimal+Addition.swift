extension ExactDecimal {
    /// The sum: exact when it has at most 38 significant digits (every sum of Meta's amounts), else rounded half
    /// away from zero to 38.
    public static func + (lhs: ExactDecimal, rhs: ExactDecimal) -> ExactDecimal {
        if lhs.isZero { return rhs }
        if rhs.isZero { return lhs }
        let (upper, lower) = lhs.exponent >= rhs.exponent ? (lhs, rhs) : (rhs, lhs)
        // The common exponent: the lower one, unless the upper operand would pass 38 digits scaled to it.
        let exponent = max(lower.exponent, upper.exponent + digitCount(upper.significand) - maxSignificantDigits)
        let upperScaled = upper.significand * powersOfTen[upper.exponent - exponent]
        let lowerScaled = rounded(lower.significand, droppingDigits: exponent - lower.exponent)
        var magnitude: UInt128
        var negative = upper.isNegative
        if upper.isNegative == lower.isNegative {
            magnitude = upperScaled + lowerScaled
        } else if upperScaled >= lowerScaled {
            magnitude = upperScaled - lowerScaled
        } else {
            magnitude = lowerScaled - upperScaled
            negative = lower.isNegative
        }
        guard magnitude >= powersOfTen[maxSignificantDigits] else {
            return ExactDecimal(significand: magnitude, exponent: exponent, negative: negative)
        }
        return ExactDecimal(significand: rounded(magnitude, droppingDigits: 1), exponent: exponent + 1, negative: negative)
    }

    /// `value / 10^digits`, rounded half away from zero (`value` below 2^128).
    private static func rounded(_ value: UInt128, droppingDigits digits: Int) -> UInt128 {
        guard digits > 0 else { return value }
        // 10^39 and more is over twice any value: it rounds to 0.
        guard digits < powersOfTen.count else { return 0 }
        let divisor = powersOfTen[digits]
        let (quotient, remainder) = value.quotientAndRemainder(dividingBy: divisor)
        return quotient + (remainder >= divisor - remainder ? 1 : 0)
    }
}
