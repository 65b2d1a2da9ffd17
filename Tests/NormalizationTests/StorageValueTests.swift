import Fuzzing
import Normalization
import TestSupport
import Testing

@Suite struct StorageValueTests {
    @Test(arguments: [
        ("98.54", ExactDecimal.StorageValue.real(98.54)),
        ("10.5", .real(10.5)),
        ("-0.125", .real(-0.125)),
        ("77.5675675676", .real(77.5675675676)),
        ("185", .integer(185)),
        ("1.50e2", .integer(150)),
        ("-42.000", .integer(-42)),
        ("-0.000", .integer(0)),
        ("0.1", .real(0.1)),
        ("8999999999999999000", .integer(8_999_999_999_999_999_000)),
        ("9e18", .real(9e18)),
    ])
    func decimalsStoreAsSQLiteWould(text: String, expected: ExactDecimal.StorageValue) throws {
        #expect(ExactDecimal.storageValue(of: try dec(text)) == expected)
    }

    /// The integer conversion agrees with Foundation's (NSDecimalNumber and the decimal's text), bit for bit, on
    /// short and long significands, integral or not.
    @Test func conversionMatchesFoundation() throws {
        var random = SplitMix64(seed: 54)
        for _ in 0..<20_000 {
            let digits = Int.random(in: 1...38, using: &random)
            var text = Bool.random(using: &random) ? "-" : ""
            text += String((0..<digits).map { _ in Character(String(Int.random(in: 0...9, using: &random))) })
            text += "e\(Int.random(in: -60...40, using: &random))"
            let value = try dec(text)
            let stored = ExactDecimal.storageValue(of: value)
            let reference = try #require(DecimalOracle.storageValue(of: value))
            switch stored {
            case .integer(let a): #expect(reference.integer == a, "\(text)")
            case .real(let a): #expect(reference.real?.bitPattern == a.bitPattern, "\(text)")
            }
        }
    }

    @Test func quotientsConvertLikeTheirText() throws {
        let quotient = try #require(ExactDecimal.divide(try dec("14350"), by: try dec("185")))
        #expect(ExactDecimal.storageValue(of: quotient) == .real(Double("77.5675675676")!))
    }
}
