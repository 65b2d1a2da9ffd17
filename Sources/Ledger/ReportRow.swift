/// One group of a `report` result.
package struct ReportRow: Sendable, Hashable {
    /// One value per ``ReportColumn``; money rounded to the currency's minor unit.
    package var values: [SQLValue]
    /// The group's currency.
    package var currency: String?
    /// The ordering metric per trend bucket (nil where the group had no rows); empty without `--trend`.
    package var trend: [Double?]
}
