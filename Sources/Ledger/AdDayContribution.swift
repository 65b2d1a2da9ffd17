/// What one new ad-day adds to the report summaries, computed in Swift from the values its performance row was
/// inserted with, exactly as SQLite computes it from the stored row: its `drift_segments` row of latest values
/// (``DriftSummary``) and its share of its `report_ad_buckets` row (``ReportSummary``).
///
/// A new ad-day is a performance row that did not exist before the open ``SummaryBatch`` (and so has no replaced
/// versions): its contributions are its own values only, so the batch can sum them per summary row without
/// reading the table back or sorting it. Nil (the batch then computes the ad-day in SQL) whenever a value is not
/// one whose SQLite arithmetic this reproduces exactly: a date that is no real day, text in a metric column, a real
/// in an integer column, or a value too large for the micros to be exact.
///
/// A class: the batch keeps each new ad-day's contribution until it sums them, and it is handed from the preparing
/// thread to the writer; a copy of a struct retained each of its dozen strings (about 2% of an ingest's writer).
final class AdDayContribution: Sendable {
    /// The `drift_segments` key of the row of latest values (`is_latest = 1`, `to_day` NULL).
    struct DriftKey: Hashable, Comparable {
        let account: String
        let campaign: String?
        let currency: String?
        let date: String
        let fromDay: String
        /// The fields' hash, taken once where the key is made (a preparing thread) instead of at each of the
        /// writer's lookups; combined one by one (a variadic list of them was an array allocated, and its strings
        /// retained, twice a row).
        private let hashed: Int

        init(account: String, campaign: String?, currency: String?, date: String, fromDay: String) {
            (self.account, self.campaign, self.currency, self.date, self.fromDay) =
                (account, campaign, currency, date, fromDay)
            var hasher = Hasher()
            hasher.combine(account)
            hasher.combine(campaign)
            hasher.combine(currency)
            hasher.combine(date)
            hasher.combine(fromDay)
            hashed = hasher.finalize()
        }

        func hash(into hasher: inout Hasher) { hasher.combine(hashed) }

        /// Index order (NULL first), which only orders the batch's writes.
        static func < (a: Self, b: Self) -> Bool {
            if a.account != b.account { return a.account < b.account }
            if a.campaign != b.campaign { return precedes(a.campaign, b.campaign) }
            if a.currency != b.currency { return precedes(a.currency, b.currency) }
            if a.date != b.date { return a.date < b.date }
            return a.fromDay < b.fromDay
        }
    }

    /// The `report_ad_buckets` key: the ad, its bucket and the attributes the summary groups by.
    struct BucketKey: Hashable, Comparable {
        let adId: String
        let bucket: String
        let currency: String?
        let brand: String?
        let account: String
        let campaign: String?
        let adset: String?
        /// The fields' hash, taken once (as ``DriftKey``'s).
        private let hashed: Int

        init(
            adId: String, bucket: String, currency: String?, brand: String?, account: String, campaign: String?,
            adset: String?
        ) {
            (self.adId, self.bucket, self.currency, self.brand) = (adId, bucket, currency, brand)
            (self.account, self.campaign, self.adset) = (account, campaign, adset)
            var hasher = Hasher()
            hasher.combine(adId)
            hasher.combine(bucket)
            hasher.combine(currency)
            hasher.combine(brand)
            hasher.combine(account)
            hasher.combine(campaign)
            hasher.combine(adset)
            hashed = hasher.finalize()
        }

        func hash(into hasher: inout Hasher) { hasher.combine(hashed) }

        /// Index order (NULL first), which only orders the batch's writes.
        static func < (a: Self, b: Self) -> Bool {
            if a.adId != b.adId { return a.adId < b.adId }
            if a.bucket != b.bucket { return a.bucket < b.bucket }
            if a.currency != b.currency { return precedes(a.currency, b.currency) }
            if a.brand != b.brand { return precedes(a.brand, b.brand) }
            if a.account != b.account { return a.account < b.account }
            if a.campaign != b.campaign { return precedes(a.campaign, b.campaign) }
            return precedes(a.adset, b.adset)
        }
    }

    /// Whether `a` sorts before `b`, NULL first (for two values that differ).
    private static func precedes(_ a: String?, _ b: String?) -> Bool {
        guard let a else { return b != nil }
        guard let b else { return false }
        return a < b
    }

    let drift: DriftKey
    let bucket: BucketKey
    let date: String
    /// The day's `day_mask` bit.
    let dayBit: Int64
    /// Per ``ReportMetric/baseColumns`` column: `CAST(round(x * 1000000) AS INTEGER)` of the stored value, nil for
    /// NULL (what `drift_segments` sums).
    let micros: [Int64?]
    /// Per ``ReportMetric/baseColumns`` column, what `report_ad_buckets` sums: the micros of the money columns, the
    /// stored integer of the others, nil for NULL (the bucket columns are the base columns in the same order).
    let bucketValues: [Int64?]

    /// The positions in ``PerformanceColumns/all`` of the key columns and the base metrics.
    private static let adIdIndex = index("meta_ad_id")
    private static let dateIndex = index("date")
    private static let accountIndex = index("meta_ad_account_id")
    private static let campaignIndex = index("meta_campaign_id")
    private static let adsetIndex = index("meta_adset_id")
    private static let baseIndexes = ReportMetric.baseColumns.map(index)
    /// Whether each base column is money (REAL, summed as micros) rather than an INTEGER count.
    private static let isMoney = ReportMetric.baseColumns.map { $0 == "spend" || $0 == "purchase_value" }

    private static func index(_ column: String) -> Int { PerformanceColumns.all.firstIndex(of: column) ?? -1 }

    /// The contribution of the new row inserted with `values` (``PerformanceColumns/values(of:accountId:brandId:)``)
    /// and first fetched at `fetchedAt`; nil when SQL must compute it (see the type's note).
    init?(values: [SQLValue], fetchedAt: String) {
        guard values.count == PerformanceColumns.all.count, case .text(let adId) = values[Self.adIdIndex],
            case .text(let date) = values[Self.dateIndex], case .text(let account) = values[Self.accountIndex],
            let campaign = Self.optionalText(values[Self.campaignIndex]),
            let currency = Self.optionalText(values[PerformanceColumns.currencyIndex]),
            let brand = Self.optionalText(values[PerformanceColumns.brandIndex]),
            let adset = Self.optionalText(values[Self.adsetIndex]), let bucket = ReportBucket(date: date),
            fetchedAt.utf8.count >= 10
        else { return nil }
        var micros: [Int64?] = []
        var bucketValues: [Int64?] = []
        micros.reserveCapacity(Self.baseIndexes.count)
        bucketValues.reserveCapacity(Self.baseIndexes.count)
        for (offset, index) in Self.baseIndexes.enumerated() {
            let value = values[index]
            if case .null = value {
                micros.append(nil)
                bucketValues.append(nil)
                continue
            }
            if Self.isMoney[offset] {
                let stored: Double
                switch value {
                case .real(let real): stored = real
                case .integer(let integer): stored = Double(integer)  // REAL affinity stores it as a real
                default: return nil
                }
                guard let exact = Micros.of(stored) else { return nil }
                micros.append(exact)
                bucketValues.append(exact)
            } else {
                guard case .integer(let integer) = value, let exact = Micros.of(integer) else { return nil }
                micros.append(exact)
                bucketValues.append(integer)
            }
        }
        drift = DriftKey(
            account: account, campaign: campaign, currency: currency, date: date,
            fromDay: String(decoding: fetchedAt.utf8.prefix(10), as: UTF8.self))
        self.bucket = BucketKey(
            adId: adId, bucket: bucket.start, currency: currency, brand: brand, account: account,
            campaign: campaign, adset: adset)
        self.date = date
        dayBit = bucket.dayBit
        self.micros = micros
        self.bucketValues = bucketValues
    }

    /// A text or NULL value as `.some(text)` or `.some(nil)`; nil when it is neither.
    private static func optionalText(_ value: SQLValue) -> String?? {
        switch value {
        case .null: return .some(nil)
        case .text(let text): return .some(text)
        default: return nil
        }
    }
}
