/// An exact decimal number: a significand of at most 38 digits times a power of ten, with a sign.
///
/// Meta sends numbers as decimal strings (`"14.35"`, `"185"`); ``parse(_:)-(String)`` reads them into this type
/// without passing through binary floating point, and ``divide(_:by:)`` derives quotients from them with integer
/// arithmetic, exactly rounded. Values are kept in one canonical form (no trailing zeros in the significand, zero
/// unsigned), so two values are `==` exactly when they are numerically equal: `1.50` equals `1.5`, `-0` equals `0`.
public struct ExactDecimal: Sendable, Hashable {
    /// The most significant digits a value may have (leading and trailing zeros not counted).
    public static let maxSignificantDigits = 38

    /// Fractional digits kept by ``divide(_:by:)``.
    public static let divisionScale = 10

    /// The significand's low and high 64 bits (two words rather than a `UInt128`, and a 32-bit exponent, so a value
    /// and an optional value take 24 bytes, not 32: a normalized row holds some thirty of them).
    private let low: UInt64
    private let high: UInt64
    private let storedExponent: Int32
    /// Whether the value is below zero (never for zero).
    public let isNegative: Bool

    /// The power of ten the significand is scaled by.
    var exponent: Int { Int(storedExponent) }

    /// The value's digits, without trailing zeros (0 for zero).
    var significand: UInt128 { UInt128(high) << 64 | UInt128(low) }

    /// The significand when it fits in 64 bits.
    var narrowSignificand: UInt64? { high == 0 ? low : nil }

    /// `significand × 10^exponent`, negated when `negative`, in canonical form (trailing zeros folded into the
    /// exponent; zero unsigned).
    init(significand: UInt128, exponent: Int, negative: Bool) {
        let high = UInt64(significand >> 64)
        guard high != 0 else {
            self.init(narrow: UInt64(significand & 0xFFFF_FFFF_FFFF_FFFF), exponent: exponent, negative: negative)
            return
        }
        var significand = significand
        var exponent = exponent
        while significand % 10 == 0 {
            significand /= 10
            exponent += 1
        }
        self.init(
            low: UInt64(significand & 0xFFFF_FFFF_FFFF_FFFF), high: UInt64(significand >> 64), exponent: exponent,
            isNegative: negative)
    }

    /// ``init(significand:exponent:negative:)`` for a significand below 2^64, in 64-bit arithmetic.
    init(narrow significand: UInt64, exponent: Int, negative: Bool) {
        var significand = significand
        var exponent = exponent
        if significand == 0 {
            exponent = 0
        } else {
            while significand % 10 == 0 {
                significand /= 10
                exponent += 1
            }
        }
        self.init(low: significand, high: 0, exponent: exponent, isNegative: negative && significand != 0)
    }

    private init(low: UInt64, high: UInt64, exponent: Int, isNegative: Bool) {
        self.low = low
        self.high = high
        // Parsing keeps exponents within -128...127 and arithmetic moves them by at most a few dozen, far inside 32 bits.
        self.storedExponent = Int32(exponent)
        self.isNegative = isNegative
    }

    /// An integer.
    public init(_ value: Int) {
        self.init(narrow: UInt64(value.magnitude), exponent: 0, negative: value < 0)
    }

    /// Zero.
    public static let zero = ExactDecimal(0)

    /// Whether the value is zero.
    public var isZero: Bool { low == 0 && high == 0 }

    /// The value times 10^`power`, exactly (e.g. a budget in cents with `power` -2 is in major units). The result's
    /// exponent must fit in 32 bits (any `power` within ±2,000,000,000 of a parsed value's).
    public func scaled(byPowerOfTen power: Int) -> ExactDecimal {
        isZero ? self : ExactDecimal(significand: significand, exponent: exponent + power, negative: isNegative)
    }

    /// The decimal digits of `value` (1 for 0).
    static func digitCount(_ value: UInt128) -> Int {
        var count = 1
        while count < powersOfTen.count, value >= powersOfTen[count] { count += 1 }
        return count
    }

    /// 10^0 … 10^19, all below 2^64.
    static let narrowPowersOfTen: [UInt64] = (0...19).map { power in
        (0..<power).reduce(UInt64(1)) { value, _ in value * 10 }
    }

    /// 10^0 … 10^38, each below 2^127.
    static let powersOfTen: [UInt128] = (0...38).map { power in
        (0..<power).reduce(UInt128(1)) { value, _ in value * 10 }
    }
}

extension ExactDecimal: ExpressibleByIntegerLiteral {
    public init(integerLiteral value: Int) {
        self.init(value)
    }
}

extension ExactDecimal: Comparable {
    public static func < (lhs: ExactDecimal, rhs: ExactDecimal) -> Bool {
        if lhs.isNegative != rhs.isNegative { return lhs.isNegative }
        let magnitudeOrder = compareMagnitudes(lhs, rhs)
        return lhs.isNegative ? magnitudeOrder > 0 : magnitudeOrder < 0
    }

    /// -1, 0 or 1 as |lhs| is below, equal to or above |rhs|.
    static func compareMagnitudes(_ lhs: ExactDecimal, _ rhs: ExactDecimal) -> Int {
        if lhs.isZero || rhs.isZero { return lhs.isZero ? (rhs.isZero ? 0 : -1) : 1 }
        let left = lhs.significand
        let right = rhs.significand
        let leftDigits = digitCount(left)
        let rightDigits = digitCount(right)
        // The position of the leading digit decides, unless it is the same.
        let leftLead = lhs.exponent + leftDigits
        let rightLead = rhs.exponent + rightDigits
        if leftLead != rightLead { return leftLead < rightLead ? -1 : 1 }
        // Same leading position: pad the shorter significand to the other's length (both stay within 38 digits).
        let leftPadded = leftDigits < rightDigits ? left * powersOfTen[rightDigits - leftDigits] : left
        let rightPadded = rightDigits < leftDigits ? right * powersOfTen[leftDigits - rightDigits] : right
        return leftPadded == rightPadded ? 0 : (leftPadded < rightPadded ? -1 : 1)
    }
}

extension ExactDecimal: CustomStringConvertible {
    /// Plain decimal notation, every digit written out: `77.5675675676`, `-0.001`, `150`.
    public var description: String {
        var digits = String(significand)
        if exponent >= 0 {
            if !isZero { digits += String(repeating: "0", count: exponent) }
        } else {
            let fraction = -exponent
            if digits.utf8.count <= fraction {
                digits = "0." + String(repeating: "0", count: fraction - digits.utf8.count) + digits
            } else {
                let split = digits.index(digits.endIndex, offsetBy: -fraction)
                digits = digits[..<split] + "." + digits[split...]
            }
        }
        return isNegative ? "-" + digits : digits
    }
}
