extension ExactDecimal {
    /// `dividend / divisor`, rounded half away from zero to ``divisionScale`` fractional digits
    /// (`14.35 × 1000 / 185` → `77.5675675676`), computed exactly with integer arithmetic: the exact quotient is
    /// rounded once.
    ///
    /// A quotient of 10^28 or more (past 38 digits with its 10 fractional ones) is rounded the same way to its
    /// leading 38 digits instead. Nil when the divisor is zero or the quotient's exponent passes 127.
    public static func divide(_ dividend: ExactDecimal, by divisor: ExactDecimal) -> ExactDecimal? {
        divide(dividend, timesPowerOfTen: 0, by: divisor)
    }

    /// `divide(dividend × 10^shift, by: divisor)`, with the power of ten folded into the division's scaling rather
    /// than multiplied out first (cpm is spend × 1000 / impressions, a conversion rate purchases × 100 / link
    /// clicks).
    public static func divide(_ dividend: ExactDecimal, timesPowerOfTen shift: Int, by divisor: ExactDecimal)
        -> ExactDecimal?
    {
        guard !divisor.isZero else { return nil }
        if dividend.isZero { return .zero }
        let negative = dividend.isNegative != divisor.isNegative
        // quotient × 10^scale = dividend's significand × 10^k / divisor's significand
        let k = dividend.exponent + shift - divisor.exponent + divisionScale
        if let (magnitude, carry) = narrowQuotient(dividend, divisor, k) {
            guard carry else { return ExactDecimal(narrow: magnitude, exponent: -divisionScale, negative: negative) }
            // Rounded up past 2^64 - 1: 2^64 itself.
            return ExactDecimal(significand: 1 << 64, exponent: -divisionScale, negative: negative)
        }
        let (magnitude, exponent) = wideQuotient(dividend.significand, divisor.significand, k)
        let quotient = ExactDecimal(significand: magnitude, exponent: exponent, negative: negative)
        return quotient.exponent <= 127 ? quotient : nil
    }

    /// `a × 10^k / b` rounded to an integer, half away from zero, in 64-bit arithmetic (every quotient Meta's
    /// numbers give); nil when an operand or a step does not fit.
    /// `carry` is set when the rounding passed 2^64 - 1 (the magnitude is then 0).
    private static func narrowQuotient(_ dividend: ExactDecimal, _ divisor: ExactDecimal, _ k: Int)
        -> (magnitude: UInt64, carry: Bool)?
    {
        guard let a = dividend.narrowSignificand, let b = divisor.narrowSignificand else { return nil }
        let truncated: UInt64
        let remainder: UInt64
        let denominator: UInt64
        if k >= 0 {
            guard k < narrowPowersOfTen.count else { return nil }
            let wide = a.multipliedFullWidth(by: narrowPowersOfTen[k])
            guard wide.high < b else { return nil }
            (truncated, remainder) = b.dividingFullWidth(wide)
            denominator = b
        } else {
            guard -k < narrowPowersOfTen.count else { return nil }
            let (scaled, overflow) = b.multipliedReportingOverflow(by: narrowPowersOfTen[-k])
            guard !overflow else { return nil }
            (truncated, remainder) = a.quotientAndRemainder(dividingBy: scaled)
            denominator = scaled
        }
        let rounded = truncated.addingReportingOverflow(remainder >= denominator - remainder ? 1 : 0)
        return (rounded.partialValue, rounded.overflow)
    }

    /// `a × 10^k / b` rounded half away from zero to at most its leading 38 digits: the rounded magnitude and the
    /// power of ten it is scaled by relative to 10^-``divisionScale``, added in. `a` and `b` are non-zero and below
    /// 10^38.
    private static func wideQuotient(_ a: UInt128, _ b: UInt128, _ k: Int) -> (magnitude: UInt128, exponent: Int) {
        // The quotient has digits(a) + k - digits(b) digits, one more when a's leading digits are b's or above:
        // drop the powers of ten past 38 digits.
        let aDigits = digitCount(a)
        let bDigits = digitCount(b)
        let aPadded = aDigits < bDigits ? a * powersOfTen[bDigits - aDigits] : a
        let bPadded = bDigits < aDigits ? b * powersOfTen[aDigits - bDigits] : b
        let quotientDigits = aDigits + k - bDigits + (aPadded >= bPadded ? 1 : 0)
        let dropped = max(0, quotientDigits - maxSignificantDigits)
        let exponent = dropped - divisionScale
        let scale = k - dropped
        let truncated: UInt128
        let remainder: UInt128
        let denominator: UInt128
        if scale >= 0 {
            // a × 10^scale < 10^38 × b: 256 bits hold it, and 128 the quotient.
            let numerator =
                scale <= maxSignificantDigits
                ? a.multipliedFullWidth(by: powersOfTen[scale])
                : (a * powersOfTen[scale - maxSignificantDigits]).multipliedFullWidth(by: powersOfTen[38])
            (truncated, remainder) = b.dividingFullWidth(numerator)
            denominator = b
        } else {
            // b × 10^-scale past 2^128 is more than twice a: the quotient rounds to 0.
            guard -scale <= maxSignificantDigits else { return (0, exponent) }
            let (scaled, overflow) = b.multipliedReportingOverflow(by: powersOfTen[-scale])
            guard !overflow else { return (0, exponent) }
            (truncated, remainder) = a.quotientAndRemainder(dividingBy: scaled)
            denominator = scaled
        }
        return (truncated + (remainder >= denominator - remainder ? 1 : 0), exponent)
    }
}
