import Foundation
import Testing

@testable import Normalization

/// `ExactDecimal.divide` computes with integers; it must give exactly what `Decimal`'s division and rounding give
/// (the stored SQL values depend on it), value and text alike.
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
        mutating func metaNumber() -> Decimal {
            let magnitudes: [UInt64] = [10, 1_000, 100_000, 10_000_000, 1_000_000_000, 1_000_000_000_000]
            let significand = below(magnitudes[Int(below(UInt64(magnitudes.count)))]) + 1
            let exponent = -Int(below(7))
            return Decimal(sign: below(20) == 0 ? .minus : .plus, exponent: exponent, significand: Decimal(significand))
        }
    }

    func expectSame(_ dividend: Decimal, _ divisor: Decimal, sourceLocation: SourceLocation = #_sourceLocation) {
        let fast = ExactDecimal.divide(dividend, by: divisor)
        let reference = ExactDecimal.divideViaFoundation(dividend, by: divisor)
        #expect(fast == reference, "\(dividend) / \(divisor)", sourceLocation: sourceLocation)
        #expect(fast?.description == reference?.description, "\(dividend) / \(divisor)", sourceLocation: sourceLocation)
    }

    @Test func metaShapedQuotientsMatchDecimal() {
        var numbers = Numbers(state: 20_251_201)
        for _ in 0..<50_000 {
            let scale = [Decimal(1), Decimal(100), Decimal(1000)][Int(numbers.below(3))]
            expectSame(numbers.metaNumber() * scale, numbers.metaNumber())
        }
    }

    /// cpm and the conversion rate divide `x × 1000` and `x × 100`: with the power of ten folded into the division,
    /// the quotient is the one of the product, value and text, on both routes.
    @Test func aPowerOfTenFoldedInGivesTheQuotientOfTheProduct() throws {
        var numbers = Numbers(state: 20_261_202)
        for _ in 0..<50_000 {
            let shift = [2, 3][Int(numbers.below(2))]
            let dividend = numbers.metaNumber()
            let divisor = numbers.metaNumber()
            let product = dividend * Decimal(shift == 2 ? 100 : 1000)
            let folded = ExactDecimal.divide(dividend, timesPowerOfTen: shift, by: divisor)
            let reference = ExactDecimal.divide(product, by: divisor)
            #expect(folded == reference, "\(dividend) × 10^\(shift) / \(divisor)")
            #expect(folded?.description == reference?.description, "\(dividend) × 10^\(shift) / \(divisor)")
        }
        // Operands past 64 bits of significand take Decimal's route, with the product made as before.
        let wide = try #require(Decimal(string: "123456789012345678901234.5"))
        #expect(
            ExactDecimal.divide(wide, timesPowerOfTen: 3, by: 7)?.description
                == ExactDecimal.divideViaFoundation(wide * 1000, by: 7)?.description)
        #expect(ExactDecimal.divide(5, timesPowerOfTen: 3, by: 0) == nil)
    }

    /// Exact quotients and those of small divisors (cpc = 40.02 / 7, a conversion rate 4 × 100 / 10) are well away
    /// from a rounding midpoint: they take the integer route, not `Decimal`'s division.
    @Test func quotientsOfSmallDivisorsTakeTheIntegerRoute() throws {
        let cases: [(String, String, Int, String)] = [
            ("4", "10", 2, "40"), ("98.86", "100", 0, "0.9886"), ("40.02", "7", 0, "5.7171428571"),
            ("3", "134", 2, "2.2388059701"), ("39.05", "3254", 3, "12.0006146281"), ("1", "3", 0, "0.3333333333"),
            ("2", "3", 0, "0.6666666667"),
        ]
        for (dividend, divisor, shift, quotient) in cases {
            let a = try #require(Decimal(string: dividend))
            let b = try #require(Decimal(string: divisor))
            let fast = ExactDecimal.integerQuotient(a, by: b, shift: shift)
            #expect(fast?.description == quotient, "\(dividend) × 10^\(shift) / \(divisor)")
            let reference = ExactDecimal.divideViaFoundation(a * Decimal(shift == 0 ? 1 : shift == 2 ? 100 : 1000), by: b)
            #expect(fast == reference && fast?.description == reference?.description)
        }
    }

    @Test func quotientsAtAndNearRoundingMidpointsMatchDecimal() {
        var numbers = Numbers(state: 7)
        for _ in 0..<20_000 {
            // dividend = divisor × (a quotient with 11 fractional digits ending in 5) ± a hair.
            let divisor = Decimal(numbers.below(1_000_000) + 1)
            let midpoint = Decimal(sign: .plus, exponent: -11, significand: Decimal(numbers.below(1_000_000_000) * 10 + 5))
            let hair = Decimal(sign: .plus, exponent: -Int(numbers.below(30)) - 12, significand: 1)
            let exact = divisor * midpoint
            expectSame(exact, divisor)
            expectSame(exact - hair, divisor)
            expectSame(exact + hair, divisor)
            expectSame(-(exact - hair), divisor)
        }
    }

    @Test func repeatingNinesBelowAMidpointMatchDecimal() throws {
        // 0.x4999… quotients from divisors of the form 10^n - 1 and 2 × (10^n - 1).
        for n in 1...19 {
            let nines = (0..<n).reduce(UInt64(0)) { value, _ in value * 10 + 9 }
            for divisor in [Decimal(nines), Decimal(nines) * 2] {
                for dividend in ["1", "4", "45", "12345678901", "4999999999", "0.00000000049"] {
                    expectSame(try #require(ExactDecimal.parse(dividend)), divisor)
                }
            }
        }
    }
}
