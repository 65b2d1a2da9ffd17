/// One generated insight row: the key numbers (for expected totals) and the JSON served for it.
public struct StandInInsightRow: Sendable, Equatable {
    /// The account's numeric id.
    public let accountId: String
    /// `ad_id`.
    public let adId: String
    /// `ad_name`.
    public let adName: String
    /// `date_start` (= `date_stop`).
    public let date: String
    /// `spend` in the currency's minor units (cents; whole units for JPY-like currencies).
    public let spendMinor: Int
    /// `impressions`.
    public let impressions: Int
    /// `clicks`.
    public let clicks: Int
    /// `outbound_clicks` (`outbound_click`).
    public let linkClicks: Int
    /// Purchases (the same count under `omni_purchase`, `purchase` and the pixel type; never sum them).
    public let purchases: Int
    /// Purchase value in minor units.
    public let purchaseValueMinor: Int
    /// The whole row as a JSON object, every field (the server filters by `fields`).
    public let fields: [(String, String)]

    /// Rows compare by their identity and numbers.
    public static func == (lhs: StandInInsightRow, rhs: StandInInsightRow) -> Bool {
        lhs.accountId == rhs.accountId && lhs.adId == rhs.adId && lhs.date == rhs.date
            && lhs.spendMinor == rhs.spendMinor && lhs.impressions == rhs.impressions
            && lhs.purchases == rhs.purchases && lhs.purchaseValueMinor == rhs.purchaseValueMinor
    }

    /// The row as JSON with only `requested` fields (plus `date_start`/`date_stop`); all when nil.
    public func json(fields requested: Set<String>?) -> String {
        var parts: [String] = []
        for (key, value) in fields
        where requested == nil || requested?.contains(key) == true
            || key == "date_start" || key == "date_stop"
        {
            parts.append("\"\(key)\":\(value)")
        }
        return "{" + parts.joined(separator: ",") + "}"
    }
}
