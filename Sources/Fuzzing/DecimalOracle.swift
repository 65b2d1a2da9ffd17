import Foundation
import Normalization

/// Foundation's `Decimal` as a second opinion on ``ExactDecimal``: the fuzzer and the tests check the integer
/// arithmetic against it, wherever `Decimal`'s 38 digits are exact.
public enum DecimalOracle {
    /// `decimal` as a Foundation `Decimal` (nil for none: every ``ExactDecimal`` fits).
    public static func decimal(_ value: ExactDecimal) -> Decimal? {
        Decimal(string: value.description, locale: Locale(identifier: "en_US_POSIX"))
    }

    /// How SQLite should store `value`, decided by Foundation: `NSDecimalNumber` for integrality and range, the
    /// decimal's text for the double. Nil when `Decimal` cannot hold the value.
    public static func storageValue(of value: ExactDecimal) -> (integer: Int64?, real: Double?)? {
        guard let decimal = decimal(value) else { return nil }
        let number = NSDecimalNumber(decimal: decimal)
        var source = decimal
        var rounded = Decimal()
        NSDecimalRound(&rounded, &source, 0, .plain)
        if decimal == rounded, abs(number.doubleValue) < 9.0e18 {
            return (number.int64Value, nil)
        }
        return (nil, Double(decimal.description) ?? number.doubleValue)
    }

    /// `dividend / divisor` by `Decimal`'s division (to 38 significant digits), then rounded half away from zero to
    /// ``ExactDecimal/divisionScale`` fractional digits: ``ExactDecimal/divide(_:by:)`` gives the same wherever that
    /// 38-digit quotient rounds the way the exact one does.
    public static func divide(_ dividend: ExactDecimal, by divisor: ExactDecimal) -> ExactDecimal? {
        guard let a = decimal(dividend), let b = decimal(divisor), !b.isZero else { return nil }
        var quotient = a / b
        guard !quotient.isNaN else { return nil }
        var rounded = Decimal()
        NSDecimalRound(&rounded, &quotient, ExactDecimal.divisionScale, .plain)
        return rounded.isNaN ? nil : ExactDecimal.parse(rounded.description)
    }
}
