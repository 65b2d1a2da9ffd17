import Foundation
import JSON
import Normalization
import TestSupport
import Testing

@Suite struct ExactDecimalTests {
    @Test(arguments: [
        ("0", "0"),
        ("185", "185"),
        ("14.35", "14.35"),
        ("-14.35", "-14.35"),
        ("1.594444", "1.594444"),
        ("123.4500", "123.45"),
        ("007", "7"),
        ("0.000", "0"),
        ("1e2", "100"),
        ("1E+2", "100"),
        ("2.5e-3", "0.0025"),
        ("-1.5E1", "-15"),
        ("0e999", "0"),
        ("1523", "1523"),
    ])
    func readsExactly(text: String, expected: String) throws {
        let value = try #require(ExactDecimal.parse(text))
        #expect(value.description == expected)
    }

    /// Plain texts (`-`? digits (`.` digits)?) are read in one pass when they have at most 18 digits: each reads as
    /// its exponent form (the same digits, `e-<fraction digits>`), which the general reader takes, on either side of
    /// the 18 digits and with leading and trailing zeros.
    @Test func plainTextsReadAsTheirExponentForm() throws {
        var random = SplitMix64(seed: 18)
        for _ in 0..<5_000 {
            let integerCount = 1 + Int(random.next() % 12)
            let fractionCount = Int(random.next() % 12)
            func digits(_ count: Int) -> String {
                String((0..<count).map { _ in Character(String(random.next() % 3 == 0 ? 0 : random.next() % 10)) })
            }
            let negative = random.next() % 4 == 0 ? "-" : ""
            let (integer, fraction) = (digits(integerCount), digits(fractionCount))
            let plain = negative + integer + (fractionCount > 0 ? "." + fraction : "")
            let exponentForm = negative + integer + fraction + "e-\(fractionCount)"
            let read = try #require(ExactDecimal.parse(plain), "\(plain)")
            #expect(read == ExactDecimal.parse(exponentForm), "\(plain)")
            #expect(read.description == ExactDecimal.parse(exponentForm)?.description, "\(plain)")
            #expect(!read.isNegative || read != 0, "\(plain)")
        }
        #expect(ExactDecimal.parse("999999999999999999")?.description == "999999999999999999")  // 18 digits
        #expect(ExactDecimal.parse("9999999999999999999")?.description == "9999999999999999999")  // 19
        #expect(ExactDecimal.parse("-0.000000000000000001")?.description == "-0.000000000000000001")
        #expect(ExactDecimal.parse("-000.000")?.isNegative == false)
    }

    @Test func negativeZeroIsZero() throws {
        let value = try #require(ExactDecimal.parse("-0"))
        #expect(value == 0)
        #expect(!value.isNegative)
        #expect(value.description == "0")
        #expect(ExactDecimal.parse("-0.00e5") == 0)
    }

    @Test func thirtyEightDigitsAreKeptExactly() throws {
        let integer = "12345678901234567890123456789012345678"
        #expect(try #require(ExactDecimal.parse(integer)).description == integer)
        let nines = String(repeating: "9", count: 38)
        #expect(try #require(ExactDecimal.parse(nines)).description == nines)
        let fraction = "-0.12345678901234567890123456789012345678"
        #expect(try #require(ExactDecimal.parse(fraction)).description == fraction)
        // Leading and trailing zeros are not significant.
        let padded = "000" + integer + "000"
        #expect(try #require(ExactDecimal.parse(padded)).description == integer + "000")
    }

    /// A normalized row holds some thirty optional values: each stays three words (a fourth costs the normalizer a
    /// tenth of its speed, `adledger-bench normalize`).
    @Test func anOptionalValueTakesThreeWords() {
        #expect(MemoryLayout<ExactDecimal?>.stride == 24)
        #expect(MemoryLayout<ExactDecimal>.stride == 24)
    }

    @Test func exponentLimits() throws {
        #expect(ExactDecimal.parse("1e127") != nil)
        #expect(ExactDecimal.parse("1e-128") != nil)
        #expect(try #require(ExactDecimal.parse("1e-128")) > 0)
        #expect(ExactDecimal.parse("1e128") == nil)
        #expect(ExactDecimal.parse("1e-129") == nil)
    }

    @Test(arguments: [
        "", " ", " 1", "1 ", "\t1", "+1", ".5", "1.", "-", "--1", "-.5", "1e", "1e+", "1e-", "e5",
        "NaN", "nan", "-NaN", "Infinity", "-Infinity", "inf", "0x1A", "0x10", "1_000", "1,5", "1.2.3",
        "1e400", "-1e400", "1e-200", "1e99999999999999999999999", "١٢", "１２", "12a", "½",
        "1234567890123456789012345678901234567890",  // 40 digits
        "123456789012345678901234567890123456789",  // 39 digits
        "1.234567890123456789012345678901234567890",  // 40 significant digits
    ])
    func rejectsMalformed(text: String) {
        #expect(ExactDecimal.parse(text) == nil)
    }

    @Test func jsonNumbersReadLikeStrings() throws {
        #expect(ExactDecimal.parse(JSONValue.number("14.35")) == (try dec("14.35")))
        #expect(ExactDecimal.parse(JSONValue.string("14.35")) == (try dec("14.35")))
        #expect(ExactDecimal.parse(JSONValue.number("-0")) == 0)
        #expect(ExactDecimal.parse(JSONValue.number("1e400")) == nil)
        #expect(ExactDecimal.parse(JSONValue.number(String(repeating: "1", count: 40))) == nil)
    }

    @Test(arguments: [
        JSONValue.null, .bool(true), .bool(false), .array([.string("1")]), .object([("value", .string("1"))]),
    ])
    func otherJSONValuesAreMalformed(value: JSONValue) {
        #expect(ExactDecimal.parse(value) == nil)
    }

    @Test(arguments: [
        ("14350", "185", "77.5675675676"),
        ("2", "3", "0.6666666667"),
        ("-2", "3", "-0.6666666667"),
        ("1", "8", "0.125"),
        ("100", "4", "25"),
        ("11970", "3613", "3.313036258"),
        ("5", "0.00000000003", "166666666666.6666666667"),
    ])
    func divisionRoundsToTenFractionalDigits(dividend: String, divisor: String, expected: String) throws {
        let quotient = try #require(ExactDecimal.divide(try dec(dividend), by: try dec(divisor)))
        #expect(quotient == (try dec(expected)))
        #expect(quotient.description == expected)
    }

    @Test func divisionByZeroIsNil() throws {
        #expect(ExactDecimal.divide(try dec("1"), by: 0) == nil)
        #expect(ExactDecimal.divide(0, by: 0) == nil)
    }

    @Test func equalValuesCompareEqual() throws {
        #expect(try dec("1.50") == dec("1.5"))
        #expect(try dec("1e1") == dec("10"))
    }
}

@Suite struct ExactDecimalArithmeticTests {
    @Test func comparesByValue() throws {
        let ordered = try ["-1e5", "-14.35", "-0.001", "0", "1e-128", "0.5", "1", "1.05", "14.35", "185", "1e127"]
            .map { try dec($0) }
        for (i, left) in ordered.enumerated() {
            for (j, right) in ordered.enumerated() {
                #expect((left < right) == (i < j), "\(left) < \(right)")
                #expect((left == right) == (i == j), "\(left) == \(right)")
            }
        }
        #expect(try dec("99999999999999999999999999999999999999") > dec("9.9999999999999999999999999999999999998e37"))
    }

    @Test(arguments: [
        ("14.35", "0.65", "15"),
        ("1", "-1", "0"),
        ("-2.5", "1", "-1.5"),
        ("1e20", "0.000001", "100000000000000000000.000001"),
        ("-0.1", "-0.02", "-0.12"),
        // Past 38 digits the sum is rounded half away from zero to 38.
        ("1e38", "1", "100000000000000000000000000000000000000"),
        ("99999999999999999999999999999999999999", "1", "100000000000000000000000000000000000000"),
        ("1e37", "0.5", "10000000000000000000000000000000000001"),
    ])
    func addsExactly(left: String, right: String, expected: String) throws {
        let sum = try dec(left) + dec(right)
        #expect(sum.description == expected, "\(left) + \(right)")
        #expect(try dec(right) + dec(left) == sum)
    }

    @Test func scalesByPowersOfTen() throws {
        #expect(try dec("5000").scaled(byPowerOfTen: -2).description == "50")
        #expect(try dec("1234").scaled(byPowerOfTen: -2).description == "12.34")
        #expect(try dec("-7").scaled(byPowerOfTen: 3) == dec("-7000"))
        #expect(ExactDecimal.zero.scaled(byPowerOfTen: -2) == 0)
    }

    @Test func writesEveryDigit() throws {
        #expect(try dec("1e-12").description == "0.000000000001")
        #expect(try dec("-1.5e3").description == "-1500")
        #expect(ExactDecimal(-42).description == "-42")
        #expect(try dec("120.50").description == "120.5")
    }
}
