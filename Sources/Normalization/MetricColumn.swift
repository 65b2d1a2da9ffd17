/// One metric column of `meta_ads_performance`: its name, its SQL type, and how to read it from a
/// ``NormalizedInsight``. See ``NormalizedInsight/metricColumns``.
public struct MetricColumn: Sendable {
    /// The snake-case column name, e.g. `link_clicks`.
    public let name: String
    /// True for counts (`INTEGER` columns: impressions, reach, clicks, link_clicks, add_to_carts,
    /// purchases, video_views, video_pNN_watched, and in version 2 landing_page_views, initiate_checkouts,
    /// content_views, video_3s_views, video_thruplays); false for money, rates and averages (`REAL`).
    ///
    /// This is the column's declared type; the normalizer does not reject a fractional count, so a
    /// binder should still check that a value is integral before storing it as an integer.
    public let isIntegerCount: Bool
    /// The ``Normalizer/version`` that added the column: a projection built by an older normalizer lacks it
    /// (`rebuild` fills it from the stored payloads).
    public let since: Int
    /// The column's value in an insight.
    public let value: @Sendable (NormalizedInsight) -> ExactDecimal?

    /// A column named `name` read by `value`, added by normalizer version `since`.
    public init(
        name: String, isIntegerCount: Bool, since: Int = 1, value: @escaping @Sendable (NormalizedInsight) -> ExactDecimal?
    ) {
        self.name = name
        self.isIntegerCount = isIntegerCount
        self.since = since
        self.value = value
    }
}
