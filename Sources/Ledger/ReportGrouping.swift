/// How `report` groups performance: by a generated creative's attributes, by Meta's structure, or by time.
public enum ReportGrouping: String, Sendable, CaseIterable {
    case creative, concept, format, brand, account, campaign, adset, ad, day, week, month

    /// The label of ads with no active mapping, in creative, concept and format columns.
    static let unmapped = "(unmapped)"

    /// Columns that identify a group, as (output name, SQL over `meta_ads_performance p` left-joined to
    /// `meta_ad_mapping m` and `generated_ads g`). An ad with no mapping gets ``unmapped`` as its creative
    /// attributes and its account's brand as its brand.
    var keys: [(name: String, sql: String)] {
        let unmapped = "'\(Self.unmapped)'"
        let brand = ("brand_id", "coalesce(g.brand_id, p.brand_id)")
        switch self {
        case .creative:
            return [
                ("generated_ad_id", "g.id"), ("short_id", "coalesce(g.short_id, \(unmapped))"), brand,
                ("concept", "CASE WHEN g.id IS NULL THEN \(unmapped) ELSE g.concept END"),
                ("format", "CASE WHEN g.id IS NULL THEN \(unmapped) ELSE g.format END"),
            ]
        case .concept: return [brand, ("concept", "CASE WHEN g.id IS NULL THEN \(unmapped) ELSE g.concept END")]
        case .format: return [("format", "CASE WHEN g.id IS NULL THEN \(unmapped) ELSE g.format END")]
        case .brand: return [brand]
        case .account: return [("meta_ad_account_id", "p.meta_ad_account_id")]
        case .campaign: return [("meta_campaign_id", "p.meta_campaign_id")]
        case .adset: return [("meta_adset_id", "p.meta_adset_id")]
        case .ad: return [("meta_ad_id", "p.meta_ad_id")]
        case .day: return [("day", "p.date")]
        case .week: return [("week", "date(p.date, 'weekday 0', '-6 days')")]
        case .month: return [("month", "substr(p.date, 1, 7)")]
        }
    }

    /// A name shown beside the keys: (output name, SQL over the grouped rows, which carry `label_ad` and
    /// `label_day`, the ad and day of the group's latest row). Names can change; the latest is shown.
    var label: (name: String, sql: String)? {
        switch self {
        case .account: ("account_name", Self.accountName("grouped.meta_ad_account_id"))
        case .campaign: ("campaign_name", Self.latest("campaign_name"))
        case .adset: ("adset_name", Self.latest("adset_name"))
        case .ad: ("ad_name", Self.latest("ad_name"))
        default: nil
        }
    }

    /// A column of the group's latest performance row (by the unique (meta_ad_id, date) index).
    private static func latest(_ column: String) -> String {
        "(SELECT x.\(column) FROM meta_ads_performance x WHERE x.meta_ad_id = grouped.label_ad AND x.date = grouped.label_day)"
    }

    /// SQL for an account's name: as fetched from Meta, else as given when it was linked to a brand.
    static func accountName(_ id: String) -> String {
        """
        coalesce((SELECT a.name FROM meta_ad_accounts a WHERE a.id = \(id)),
            (SELECT max(b.account_name) FROM brand_ad_accounts b WHERE b.meta_ad_account_id = \(id)))
        """
    }

    /// True for the groupings that need the mapping and creative tables.
    var needsCreatives: Bool { [.creative, .concept, .format, .brand].contains(self) }

    /// True for day, week and month.
    package var isTime: Bool { [.day, .week, .month].contains(self) }
}
