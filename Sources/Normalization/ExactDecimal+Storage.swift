import Foundation

extension ExactDecimal {
    /// How a decimal is stored in a SQLite column: an integer when it is one (and well inside
    /// `Int64`), else the double nearest to it.
    package enum StorageValue: Sendable, Equatable {
        case integer(Int64)
        case real(Double)
    }

    /// The SQLite value of `decimal`: `.integer` when it is integral and its magnitude is below
    /// 9e18, else `.real` with the double nearest its exact value (what `Double("98.54")` gives).
    ///
    /// Values with at most 64 bits of significand are converted directly from their digits;
    /// anything else, NaN included, goes through `NSDecimalNumber` and the decimal's text.
    package static func storageValue(of decimal: Decimal) -> StorageValue {
        if let parts = DecimalParts(decimal), let value = storageValue(of: parts) { return value }
        return storageValueViaFoundation(of: decimal)
    }

    private static func storageValue(of parts: DecimalParts) -> StorageValue? {
        let significand = parts.significand
        if significand == 0 { return .integer(0) }
        if parts.exponent >= 0 {
            // Integral. Stay well below the 9e18 threshold, where NSDecimalNumber's double decides.
            guard parts.exponent <= 18 else { return nil }
            let (value, overflow) = significand.multipliedReportingOverflow(by: powersOfTen[parts.exponent])
            guard !overflow, value <= integerLimit else { return nil }
            return .integer(parts.negative ? -Int64(value) : Int64(value))
        }
        let scale = -parts.exponent
        if scale <= 19 {
            let (quotient, remainder) = significand.quotientAndRemainder(dividingBy: powersOfTen[scale])
            if remainder == 0 {
                guard quotient <= integerLimit else { return nil }
                return .integer(parts.negative ? -Int64(quotient) : Int64(quotient))
            }
        }
        // Not integral (a non-zero significand below 2^64 < 10^20 over 10^20 or more is a fraction).
        let magnitude: Double
        if significand <= 1 << 53, scale <= 22 {
            // Both operands are exact doubles, so one IEEE division rounds the quotient correctly.
            magnitude = Double(significand) / exactPowersOfTen[scale]
        } else {
            // Correctly rounded by the C library, like any decimal text.
            guard let parsed = Double("\(significand)e-\(scale)") else { return nil }
            magnitude = parsed
        }
        return .real(parts.negative ? -magnitude : magnitude)
    }

    /// The general route: exact for every decimal, but allocates and formats text.
    package static func storageValueViaFoundation(of decimal: Decimal) -> StorageValue {
        let number = NSDecimalNumber(decimal: decimal)
        var source = decimal
        var rounded = Decimal()
        NSDecimalRound(&rounded, &source, 0, .plain)
        if decimal == rounded, abs(number.doubleValue) < 9.0e18 {
            return .integer(number.int64Value)
        }
        // Through the decimal text, so "98.54" becomes the double nearest 98.54 (NSDecimalNumber's
        // doubleValue can be one ulp off).
        return .real(Double(decimal.description) ?? number.doubleValue)
    }

    /// Integral magnitudes above this take the general route.
    private static let integerLimit: UInt64 = 1 << 53

    private static let powersOfTen: [UInt64] = (0...19).map { power in
        (0..<power).reduce(1) { value, _ in value * 10 }
    }

    /// 10^0 … 10^22, each exactly representable as a double.
    private static let exactPowersOfTen: [Double] = (0...22).map { power in
        (0..<power).reduce(1.0) { value, _ in value * 10 }
    }
}

/// A finite decimal whose significand fits in 64 bits, read from `Decimal`'s storage.
///
/// `Decimal` exposes no public accessor for its significand, so this reads the documented
/// swift-foundation layout (exponent byte; length, sign and compact bits; 16-bit mantissa words)
/// — and only after checking, once, that known values read back correctly. On a different layout
/// every value takes the general route.
struct DecimalParts {
    let significand: UInt64
    let exponent: Int
    let negative: Bool

    init?(_ decimal: Decimal) {
        guard Self.layoutIsKnown, let parts = Self.read(decimal) else { return nil }
        self = parts
    }

    private init(significand: UInt64, exponent: Int, negative: Bool) {
        self.significand = significand
        self.exponent = exponent
        self.negative = negative
    }

    private static func read(_ decimal: Decimal) -> DecimalParts? {
        guard MemoryLayout<Decimal>.size == 20 else { return nil }
        return withUnsafeBytes(of: decimal) { raw -> DecimalParts? in
            let flags = raw[1]
            let length = Int(flags >> 4)
            let negative = flags & 0b1000 != 0
            // Length 0 with the sign bit is NaN; longer significands need more than 64 bits.
            guard length <= 4, !(length == 0 && negative) else { return nil }
            var significand: UInt64 = 0
            for word in stride(from: length - 1, through: 0, by: -1) {
                let low = UInt64(raw[4 + 2 * word])
                let high = UInt64(raw[5 + 2 * word])
                significand = significand << 16 | high << 8 | low
            }
            return DecimalParts(significand: significand, exponent: Int(Int8(bitPattern: raw[0])), negative: negative)
        }
    }

    /// Whether `read` decodes known values built through the public API.
    private static let layoutIsKnown: Bool = {
        let probes: [(Decimal, UInt64, Int, Bool)] = [
            (
                Decimal(sign: .minus, exponent: -3, significand: Decimal(UInt64(0x0001_0002_0003_0007))),
                0x0001_0002_0003_0007, -3, true
            ),
            (Decimal(sign: .plus, exponent: 5, significand: Decimal(UInt64(0x00FF_0001))), 0x00FF_0001, 5, false),
            (Decimal(1), 1, 0, false),
            (Decimal.zero, 0, 0, false),
        ]
        return probes.allSatisfy { decimal, significand, exponent, negative in
            guard let parts = read(decimal) else { return false }
            return parts.significand == significand && parts.exponent == exponent && parts.negative == negative
        }
    }()
}
