/// Meta's currency offsets: budgets arrive in minor units; divide by this for major units (DESIGN §4).
package enum CurrencyOffset {
    static let offsetOne: Set<String> = ["JPY", "KRW", "TWD", "IDR", "HUF", "ISK", "CLP", "COP", "CRC", "PYG", "VND"]

    static func offset(of currency: String?) -> Int {
        guard let currency else { return 100 }
        return offsetOne.contains(currency.uppercased()) ? 1 : 100
    }
}

extension CurrencyOffset {
    /// Decimals of a currency's minor unit: 0 for the offset-1 currencies (JPY, KRW, …), else 2.
    package static func decimals(of currency: String?) -> Int { offset(of: currency) == 1 ? 0 : 2 }

    /// 10 to the power `exponent` (small exponents only).
    static func powerOfTen(_ exponent: Int) -> Int { (0..<max(0, exponent)).reduce(1) { value, _ in value * 10 } }
}
