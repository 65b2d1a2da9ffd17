/// An ad account the stand-in serves, with generated campaigns and `adCount × dayCount` insight rows.
public struct StandInAccount: Sendable, Equatable {
    /// The numeric id (served as `act_<id>`).
    public var id: String
    /// The account name.
    public var name: String
    /// ISO currency, e.g. `USD` or `JPY` (JPY spend is whole yen).
    public var currency: String
    /// IANA time zone name, e.g. `America/Los_Angeles`.
    public var timezoneName: String
    /// How many ads have rows every day.
    public var adCount: Int
    /// How many campaigns the ads are spread over (round-robin).
    public var campaignCount: Int
    /// The first day with data, `YYYY-MM-DD`.
    public var firstDay: String
    /// How many consecutive days have data.
    public var dayCount: Int
    /// Brand code used in generated ad names (`<8 hex>-<BRAND>-C<n>-SQ`).
    public var brand: String

    /// Creates an account description.
    public init(
        id: String, name: String, currency: String = "USD", timezoneName: String = "America/Los_Angeles",
        adCount: Int = 5, campaignCount: Int = 2, firstDay: String = "2025-12-01", dayCount: Int = 7,
        brand: String = "WP"
    ) {
        self.id = id
        self.name = name
        self.currency = currency
        self.timezoneName = timezoneName
        self.adCount = adCount
        self.campaignCount = max(campaignCount, 1)
        self.firstDay = firstDay
        self.dayCount = dayCount
        self.brand = brand
    }
}
