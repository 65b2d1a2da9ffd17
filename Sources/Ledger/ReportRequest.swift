import Normalization

/// What `report` shows: how to group, which rows to include, how to rank, and whether to draw trends.
package struct ReportRequest: Sendable {
    /// One or two groupings, e.g. `[.concept, .week]`.
    package var groupings: [ReportGrouping]
    /// First and last day (`YYYY-MM-DD`, inclusive).
    package var since: String?
    package var until: String?
    /// Only this brand: the creative's brand, or the account's brand for unmapped ads.
    package var brand: String?
    /// Only this ad account (`act_N` or `N`).
    package var account: String?
    /// Only this campaign id.
    package var campaign: String?
    /// Leave out groups that spent less than this (in their own currency).
    package var minSpend: Double?
    /// Keep only the first or last N groups per currency by ``orderBy``.
    package var rank: ReportRank?
    /// The metric groups are ordered by (and ranked by, and drawn with `trend`); nil: spend, or time order when
    /// a grouping is by time and no rank is asked for.
    package var orderBy: ReportMetric?
    /// Leave out ads with no active mapping (otherwise they are grouped as "(unmapped)").
    package var mappedOnly = false
    /// Add each group's ``orderBy`` metric per day, week or month across the range.
    package var trend = false

    package init(groupings: [ReportGrouping]) { self.groupings = groupings }

    /// The metric used to order, rank and draw trends.
    var metric: ReportMetric { orderBy ?? ReportMetric.all[0] }

    /// Checks the request before any SQL runs; errors say which flag to fix.
    func validated() throws(LedgerError) -> ReportRequest {
        var request = self
        guard (1...2).contains(groupings.count), Set(groupings).count == groupings.count else {
            throw .invalidInput(
                source: "--by \(groupings.map(\.rawValue).joined(separator: ","))",
                reason: "give one grouping or two different ones, e.g. --by concept,week")
        }
        for (flag, day) in [("--since", since), ("--until", until)] {
            if let day, !Self.isDay(day) {
                throw .invalidInput(source: "\(flag) \(day)", reason: "not a day; use YYYY-MM-DD, e.g. 2025-12-01")
            }
        }
        if let account { request.account = try AccountId.parse(account) }
        if let rank, rank.count < 1 {
            throw .invalidInput(source: "--top/--bottom \(rank.count)", reason: "give a number of groups of 1 or more")
        }
        if trend, groupings.contains(where: \.isTime) {
            throw .invalidInput(
                source: "--trend",
                reason: "a trend draws each group across the range; leave day, week and month out of --by")
        }
        return request
    }

    /// True for a valid `YYYY-MM-DD`.
    static func isDay(_ text: String) -> Bool {
        guard let match = text.wholeMatch(of: /(\d{4})-(\d{2})-(\d{2})/), let month = Int(match.2),
            let day = Int(match.3)
        else { return false }
        return (1...12).contains(month) && (1...31).contains(day)
    }
}
