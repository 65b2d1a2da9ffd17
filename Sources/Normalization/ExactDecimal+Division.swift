import Foundation

extension ExactDecimal {
    /// `dividend / divisor` as ``divide(_:by:)`` defines it, computed with integer arithmetic: the exact quotient
    /// scaled by 10^``divisionScale``, rounded half away from zero once. Nil when the operands or the quotient do not
    /// fit 64-bit arithmetic, or when the quotient is so close below a rounding midpoint that `Decimal`'s quotient
    /// (rounded to its 38 digits before the final rounding) could round the other way; those take `Decimal`.
    ///
    /// With `shift`, the dividend is `dividend × 10^shift` (exact: only its exponent moves).
    static func integerQuotient(_ dividend: Decimal, by divisor: Decimal, shift: Int = 0) -> Decimal? {
        guard let a = DecimalParts(dividend), let b = DecimalParts(divisor), b.significand != 0 else { return nil }
        if a.significand == 0 { return .zero }
        // quotient × 10^scale = a.significand × 10^k / b.significand
        let k = a.exponent + shift - b.exponent + divisionScale
        let truncated: UInt64
        let remainder: UInt64
        let denominator: UInt64
        if k >= 0 {
            guard k < powersOfTen.count else { return nil }
            let wide = a.significand.multipliedFullWidth(by: powersOfTen[k])
            guard wide.high < b.significand else { return nil }
            (truncated, remainder) = b.significand.dividingFullWidth(wide)
            denominator = b.significand
        } else {
            guard -k < powersOfTen.count else { return nil }
            let (scaled, overflow) = b.significand.multipliedReportingOverflow(by: powersOfTen[-k])
            guard !overflow else { return nil }
            (truncated, remainder) = a.significand.quotientAndRemainder(dividingBy: scaled)
            denominator = scaled
        }
        // At most 18 digits (a quotient below 10^8): `Decimal`'s quotient of at least 37 significant digits then has
        // `spare` digits past the rounding digit, even with the divisor's digits taken off.
        guard truncated < powersOfTen[18] else { return nil }
        let spare = 37 - decimalDigits(b.significand) - decimalDigits(truncated)
        guard spare >= 4 else { return nil }
        let roundsUp = remainder >= denominator - remainder
        if !roundsUp {
            // Below the midpoint by gap / (2 × denominator) of a unit; within 10^-(spare - 2) of a unit, the 38-digit
            // quotient might reach it: gap × 10^(spare - 2) ≤ 2 × denominator, compared in 128 bits. (An exact
            // quotient is half a unit below, and passes.)
            let gap = (denominator - remainder) - remainder
            let shift = spare - 2
            if shift < powersOfTen.count {
                let scaled = gap.multipliedFullWidth(by: powersOfTen[shift])
                let twice = (high: denominator >> 63, low: denominator << 1)
                if scaled.high < twice.high || (scaled.high == twice.high && scaled.low <= twice.low) { return nil }
            }
        }
        var magnitude = truncated + (roundsUp ? 1 : 0)
        if magnitude == 0 { return .zero }
        var exponent = -divisionScale
        while magnitude % 10 == 0 {
            magnitude /= 10
            exponent += 1
        }
        return Decimal(
            sign: a.negative != b.negative ? .minus : .plus, exponent: exponent, significand: Decimal(magnitude))
    }

    /// The decimal digits of `value` (1 for 0).
    private static func decimalDigits(_ value: UInt64) -> Int {
        var count = 1
        while count < powersOfTen.count, value >= powersOfTen[count] { count += 1 }
        return count
    }

    /// 10^0 … 10^19, all below 2^64.
    private static let powersOfTen: [UInt64] = (0...19).map { power in
        (0..<power).reduce(UInt64(1)) { value, _ in value * 10 }
    }
}
