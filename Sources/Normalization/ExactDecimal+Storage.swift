extension ExactDecimal {
    /// How a decimal is stored in a SQLite column: an integer when it is one (and well inside
    /// `Int64`), else the double nearest to it.
    package enum StorageValue: Sendable, Equatable {
        case integer(Int64)
        case real(Double)
    }

    /// The SQLite value of `decimal`: `.integer` when it is integral and, as a double, its magnitude is below
    /// 9e18; else `.real` with the double nearest its exact value (what `Double("98.54")` gives).
    package static func storageValue(of decimal: ExactDecimal) -> StorageValue {
        let magnitude = storedMagnitude(of: decimal)
        switch magnitude {
        case .integer(let value): return .integer(decimal.isNegative ? -value : value)
        case .real(let value): return .real(decimal.isNegative ? -value : value)
        }
    }

    private static func storedMagnitude(of decimal: ExactDecimal) -> StorageValue {
        guard let significand = decimal.narrowSignificand else {
            // 2^64 and above: past 9e18 whether integral or not.
            return .real(Double("\(decimal.significand)e\(decimal.exponent)") ?? .infinity)
        }
        // Canonical form: a value with a negative exponent has a fractional part.
        if decimal.exponent >= 0 {
            if decimal.exponent < narrowPowersOfTen.count {
                let (value, overflow) = significand.multipliedReportingOverflow(by: narrowPowersOfTen[decimal.exponent])
                if !overflow, value <= 1 << 53 || Double(value) < 9.0e18 { return .integer(Int64(value)) }
            }
            return .real(Double("\(significand)e\(decimal.exponent)") ?? .infinity)
        }
        let scale = -decimal.exponent
        if significand <= 1 << 53, scale <= 22 {
            // Both operands are exact doubles, so one IEEE division rounds the quotient correctly.
            return .real(Double(significand) / exactPowersOfTen[scale])
        }
        // Correctly rounded by the C library, like any decimal text.
        return .real(Double("\(significand)e\(decimal.exponent)") ?? .infinity)
    }

    /// 10^0 … 10^22, each exactly representable as a double.
    private static let exactPowersOfTen: [Double] = (0...22).map { power in
        (0..<power).reduce(1.0) { value, _ in value * 10 }
    }
}
