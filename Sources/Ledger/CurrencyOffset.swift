/// Meta's currency offsets: budgets arrive in minor units; divide by this for major units (DESIGN §4).
enum CurrencyOffset {
    static let offsetOne: Set<String> = ["JPY", "KRW", "TWD", "IDR", "HUF", "ISK", "CLP", "COP", "CRC", "PYG", "VND"]

    static func offset(of currency: String?) -> Int {
        guard let currency else { return 100 }
        return offsetOne.contains(currency.uppercased()) ? 1 : 100
    }
}
