import Fuzzing
import Testing

@testable import Normalization

/// `ExactDecimal.divide` computes with integers and rounds the exact quotient once. Checked against two references:
/// Foundation's `Decimal` on Meta-shaped numbers (where its 38-digit quotient is exact enough to round the same way),
/// and digit-by-digit long division on quotients built to sit at and a hair off rounding midpoints.
@Suite struct ExactDivisionTests {
    /// SplitMix64, so every run checks the same cases.
    struct Numbers {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        mutating func below(_ bound: UInt64) -> UInt64 { next() % bound }
        /// A number shaped like Meta's: an integer count, or money with up to 6 decimals, now and then negative.
        mutating func metaNumber() -> ExactDecimal {
            let magnitudes: [UInt64] = [10, 1_000, 100_000, 10_000_000, 1_000_000_000, 1_000_000_000_000]
            let significand = below(magnitudes[Int(below(UInt64(magnitudes.count)))]) + 1
            return ExactDecimal(significand: UInt128(significand), exponent: -Int(below(7)), negative: below(20) == 0)
        }
    }

    /// `a × 10^k / b` rounded half away from zero, by long division one digit at a time (`b × 10^-k` below 2^120).
    static func longDivision(_ a: UInt128, times k: Int, by b: UInt128) -> UInt128 {
        if k < 0 { return longDivision(a, times: 0, by: b * ExactDecimal.powersOfTen[-k]) }
        var quotient = a / b
        var remainder = a % b
        for _ in 0..<k {
            remainder *= 10
            quotient = quotient * 10 + remainder / b
            remainder %= b
        }
        return quotient + (remainder * 2 >= b ? 1 : 0)
    }

    func expectSameAsFoundation(
        _ dividend: ExactDecimal, _ divisor: ExactDecimal, sourceLocation: SourceLocation = #_sourceLocation
    ) {
        let exact = ExactDecimal.divide(dividend, by: divisor)
        let reference = DecimalOracle.divide(dividend, by: divisor)
        #expect(exact == reference, "\(dividend) / \(divisor)", sourceLocation: sourceLocation)
        #expect(exact?.description == reference?.description, "\(dividend) / \(divisor)", sourceLocation: sourceLocation)
    }

    @Test func metaShapedQuotientsMatchFoundation() {
        var numbers = Numbers(state: 20_251_201)
        for _ in 0..<50_000 {
            let shift = [0, 2, 3][Int(numbers.below(3))]
            expectSameAsFoundation(numbers.metaNumber().scaled(byPowerOfTen: shift), numbers.metaNumber())
        }
    }

    /// cpm and the conversion rate divide `x × 1000` and `x × 100`: with the power of ten folded into the division,
    /// the quotient is the one of the product, value and text.
    @Test func aPowerOfTenFoldedInGivesTheQuotientOfTheProduct() throws {
        var numbers = Numbers(state: 20_261_202)
        for _ in 0..<50_000 {
            let shift = [2, 3][Int(numbers.below(2))]
            let dividend = numbers.metaNumber()
            let divisor = numbers.metaNumber()
            let folded = ExactDecimal.divide(dividend, timesPowerOfTen: shift, by: divisor)
            let reference = ExactDecimal.divide(dividend.scaled(byPowerOfTen: shift), by: divisor)
            #expect(folded == reference, "\(dividend) × 10^\(shift) / \(divisor)")
        }
        // Operands past 64 bits of significand take the 128-bit route.
        let wide = try dec("123456789012345678901234.5")
        let quotient = try #require(ExactDecimal.divide(wide, timesPowerOfTen: 3, by: 7))
        #expect(quotient.description == "17636684144620811271604928.5714285714")
        #expect(quotient == DecimalOracle.divide(wide.scaled(byPowerOfTen: 3), by: 7))
        #expect(ExactDecimal.divide(5, timesPowerOfTen: 3, by: 0) == nil)
    }

    @Test(arguments: [
        ("4", "10", 2, "40"), ("98.86", "100", 0, "0.9886"), ("40.02", "7", 0, "5.7171428571"),
        ("3", "134", 2, "2.2388059701"), ("39.05", "3254", 3, "12.0006146281"), ("1", "3", 0, "0.3333333333"),
        ("2", "3", 0, "0.6666666667"), ("-2", "3", 0, "-0.6666666667"), ("0.00000000004", "1", 0, "0"),
        ("0.00000000005", "1", 0, "0.0000000001"), ("-0.00000000005", "1", 0, "-0.0000000001"),
    ])
    func quotientsRoundHalfAwayFromZero(dividend: String, divisor: String, shift: Int, quotient: String) throws {
        let result = ExactDecimal.divide(try dec(dividend), timesPowerOfTen: shift, by: try dec(divisor))
        #expect(result?.description == quotient, "\(dividend) × 10^\(shift) / \(divisor)")
    }

    /// dividend = divisor × (a quotient with 11 fractional digits ending in 5), exactly and ± a hair: exactly on the
    /// midpoint rounds away from zero, a hair below rounds toward it, however small the hair (down to the 38th
    /// digit, past which the dividend itself rounds back onto the midpoint).
    @Test func quotientsAtAndNearRoundingMidpointsRoundExactly() {
        var numbers = Numbers(state: 7)
        for _ in 0..<20_000 {
            let divisor = numbers.below(1_000_000) + 1
            let midpoint = numbers.below(1_000_000_000) * 10 + 5
            let exact = ExactDecimal(significand: UInt128(divisor) * UInt128(midpoint), exponent: -11, negative: false)
            let hair = ExactDecimal(significand: 1, exponent: -Int(numbers.below(30)) - 12, negative: false)
            let below = exact + ExactDecimal(significand: 1, exponent: hair.exponent, negative: true)
            let floor = ExactDecimal(significand: UInt128(midpoint / 10), exponent: -10, negative: false)
            let ceiling = ExactDecimal(significand: UInt128(midpoint / 10 + 1), exponent: -10, negative: false)
            let divisorValue = ExactDecimal(Int(divisor))
            #expect(ExactDecimal.divide(exact, by: divisorValue) == ceiling, "\(exact) / \(divisor)")
            #expect(ExactDecimal.divide(exact + hair, by: divisorValue) == ceiling, "\(exact) + hair / \(divisor)")
            let expectedBelow = below < exact ? floor : ceiling
            #expect(ExactDecimal.divide(below, by: divisorValue) == expectedBelow, "\(below) / \(divisor)")
            let negated = ExactDecimal(significand: below.significand, exponent: below.exponent, negative: true)
            let negatedQuotient = ExactDecimal.divide(negated, by: divisorValue)
            #expect(negatedQuotient?.significand == expectedBelow.significand && negatedQuotient?.isNegative == true)
        }
    }

    /// 0.x4999… quotients from divisors of the form 10^n - 1 and 2 × (10^n - 1), past 64 bits too.
    @Test func repeatingNinesBelowAMidpointRoundExactly() throws {
        for n in 1...25 {
            let nines = ExactDecimal.powersOfTen[n] - 1
            for divisor in [nines, nines * 2] {
                for dividend in ["1", "4", "45", "12345678901", "4999999999", "0.00000000049"] {
                    let a = try dec(dividend)
                    let quotient = try #require(
                        ExactDecimal.divide(a, by: ExactDecimal(significand: divisor, exponent: 0, negative: false)))
                    let k = a.exponent + ExactDecimal.divisionScale
                    let expected = Self.longDivision(a.significand, times: k, by: divisor)
                    #expect(quotient == ExactDecimal(significand: expected, exponent: -10, negative: false))
                }
            }
        }
    }

    /// Wide operands (up to 38 digits each), with the quotient under 10^38 units: the 128-bit route against long
    /// division.
    @Test func wideQuotientsMatchLongDivision() {
        var numbers = Numbers(state: 38)
        func wide(digits: Int) -> UInt128 {
            var value: UInt128 = 0
            for _ in 0..<digits { value = value * 10 + UInt128(numbers.below(10)) }
            return max(value, 1)
        }
        var checked = 0
        for _ in 0..<20_000 {
            let a = wide(digits: Int(numbers.below(38)) + 1)
            let b = wide(digits: Int(numbers.below(36)) + 1)
            let k = Int(numbers.below(30))
            // Only quotients the long division holds in 128 bits and the result in 38 digits.
            guard ExactDecimal.digitCount(a) + k - ExactDecimal.digitCount(b) + 1 <= 38 else { continue }
            let dividend = ExactDecimal(significand: a, exponent: k - ExactDecimal.divisionScale, negative: false)
            let divisor = ExactDecimal(significand: b, exponent: 0, negative: false)
            let expected = ExactDecimal(significand: Self.longDivision(a, times: k, by: b), exponent: -10, negative: false)
            #expect(ExactDecimal.divide(dividend, by: divisor) == expected, "\(dividend) / \(divisor)")
            checked += 1
        }
        #expect(checked > 5_000)
    }

    /// A quotient too large for 38 digits at 10 fractional places keeps its leading digits; past 10^127, nil.
    @Test func hugeQuotientsRoundToTheirLeadingDigits() throws {
        let quotient = try #require(ExactDecimal.divide(try dec("1e100"), by: try dec("3")))
        #expect(quotient.description.hasPrefix("3333333333333333333333333333333333333"))
        #expect(quotient == DecimalOracle.divide(try dec("1e100"), by: try dec("3")))
        #expect(ExactDecimal.divide(try dec("1e127"), by: try dec("1e-10")) == nil)
        #expect(ExactDecimal.divide(try dec("1e-128"), by: try dec("1e127")) == 0)
    }
}
