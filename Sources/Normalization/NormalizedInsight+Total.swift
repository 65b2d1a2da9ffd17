extension NormalizedInsight {
    /// The total of an ad-day's breakdown parts (e.g. one row per `product_id`): counts and money are
    /// summed; rates and costs are derived again from the sums; `reach`, `frequency` and averages, which do not
    /// add up across parts, are nil; raw arrays are nil. Identity columns and `attribution` come from the first
    /// part.
    public static func total(of parts: [NormalizedInsight]) -> NormalizedInsight {
        guard var total = parts.first else { return NormalizedInsight() }
        guard parts.count > 1 else { return total }
        func sum(_ value: (NormalizedInsight) -> ExactDecimal?) -> ExactDecimal? {
            let values = parts.compactMap(value)
            return values.isEmpty ? nil : values.reduce(ExactDecimal.zero, +)
        }
        func ratio(_ numerator: ExactDecimal?, _ denominator: ExactDecimal?, timesPowerOfTen shift: Int = 0)
            -> ExactDecimal?
        {
            guard let numerator, let denominator, denominator > 0 else { return nil }
            return ExactDecimal.divide(numerator, timesPowerOfTen: shift, by: denominator)
        }
        total.spend = sum(\.spend)
        total.impressions = sum(\.impressions)
        total.clicks = sum(\.clicks)
        total.linkClicks = sum(\.linkClicks)
        total.addToCarts = sum(\.addToCarts)
        total.purchases = sum(\.purchases)
        total.purchaseValue = sum(\.purchaseValue)
        total.videoViews = sum(\.videoViews)
        total.videoP25Watched = sum(\.videoP25Watched)
        total.videoP50Watched = sum(\.videoP50Watched)
        total.videoP75Watched = sum(\.videoP75Watched)
        total.videoP95Watched = sum(\.videoP95Watched)
        total.videoP100Watched = sum(\.videoP100Watched)
        total.landingPageViews = sum(\.landingPageViews)
        total.initiateCheckouts = sum(\.initiateCheckouts)
        total.contentViews = sum(\.contentViews)
        total.video3sViews = sum(\.video3sViews)
        total.videoThruplays = sum(\.videoThruplays)
        total.reach = nil
        total.frequency = nil
        total.videoAvgWatchTime = nil
        total.cpm = ratio(total.spend, total.impressions, timesPowerOfTen: 3)
        total.linkCtr = ratio(total.linkClicks, total.impressions, timesPowerOfTen: 2)
        total.linkCpc = ratio(total.spend, total.linkClicks)
        total.costPerAddToCart = ratio(total.spend, total.addToCarts)
        total.roas = ratio(total.purchaseValue, total.spend)
        total.costPerInitiateCheckout = ratio(total.spend, total.initiateCheckouts)
        total.costPerLandingPageView = ratio(total.spend, total.landingPageViews)
        total.hookRate = ratio(total.video3sViews, total.impressions)
        total.holdRate = ratio(total.videoThruplays, total.video3sViews)
        total.cpc = ratio(total.spend, total.clicks)
        total.conversionRate = total.purchases == nil ? nil : ratio(total.purchases, total.linkClicks, timesPowerOfTen: 2)
        total.rawActions = nil
        total.rawCosts = nil
        total.rawActionValues = nil
        total.malformedColumns = parts.flatMap(\.malformedColumns)
        return total
    }
}
