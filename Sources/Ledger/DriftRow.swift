/// One group at one age in `report drift`: the metric as it was known at the end of day `date + age`, summed over
/// the ad-days known by then, against the latest value of the same ad-days.
package struct DriftRow: Sendable, Hashable {
    /// The group's id and name (account or campaign).
    package var id: String?
    package var name: String?
    package var currency: String?
    /// Days between an ad-day's date and the (UTC) day it was fetched: 0 … ``DriftRequest/maxAge``.
    package var age: Int
    /// Ad-days known at this age (and old enough to have reached it).
    package var adDays: Int
    /// The metric as known at this age, and as known now (or at the as-of time), rounded like `report`.
    package var reported: SQLValue
    package var latest: SQLValue
    /// `reported` as a percentage of `latest` (1 decimal), nil when `latest` is 0 or missing.
    package var percentOfLatest: Double?
}
