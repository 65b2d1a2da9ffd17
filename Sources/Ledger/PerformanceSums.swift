/// `SummaryBuild`'s sums over the performance rows, read in `(meta_ad_id, date)` order: each ad's report groups
/// (`report_ad_buckets`), written as rows when the next ad starts, the latest versions' drift groups
/// (`drift_segments` with `is_latest = 1`), and the table's digest (`TableDigest`). It reads rows through
/// `ColumnReader`, so it runs on a thread of its own over rows gathered by the thread that steps the statement
/// (`SummaryBuild.build()`), and hands back what must be written on the connection: the report rows, and drift
/// groups to write out as partial sums once ``groupLimit`` are held.
struct PerformanceSums {
    /// Where the columns the sums read are in a performance row.
    struct Layout: Sendable {
        let ad: Int
        let date: Int
        let currency: Int
        let brand: Int
        let account: Int
        let campaign: Int
        let adset: Int
        let firstFetched: Int
        /// ``ReportMetric/baseColumns``, in their order.
        let base: [Int]
        /// For each of `base`, whether it is a money column (``ReportMetric/moneyColumns``, summed as micros).
        let isMoney: [Bool]
        /// How many columns a row has.
        let columns: Int

        /// The layout of rows of `columns` (the table's, in its order); nil when one the sums read is missing.
        init?(columns: [String]) {
            func at(_ name: String) -> Int? { columns.firstIndex(of: name) }
            guard let ad = at("meta_ad_id"), let date = at("date"), let currency = at("currency"),
                let brand = at("brand_id"), let account = at("meta_ad_account_id"),
                let campaign = at("meta_campaign_id"), let adset = at("meta_adset_id"),
                let firstFetched = at("first_fetched_at")
            else { return nil }
            let base = ReportMetric.baseColumns.compactMap(at)
            guard base.count == ReportMetric.baseColumns.count else { return nil }
            (self.ad, self.date, self.currency, self.brand, self.account) = (ad, date, currency, brand, account)
            (self.campaign, self.adset, self.firstFetched, self.base) = (campaign, adset, firstFetched, base)
            isMoney = ReportMetric.baseColumns.map(ReportMetric.moneyColumns.contains)
            self.columns = columns.count
        }
    }

    /// What a batch of rows gave that must be written on the connection, in this order.
    struct Output: Sendable {
        /// `report_ad_buckets` rows, in ``ReportSummary/columns`` order.
        var reportRows: [[SQLValue]] = []
        /// Drift groups to write out as partial sums (`DriftPartials.spill`).
        var spills: [DriftGroups] = []
    }

    /// What the sums came to once every row was added.
    struct Final: Sendable {
        /// False when a row held a value the report's sums do not reproduce (the SQL builds both tables then).
        var report: Bool
        /// The drift groups not written out; nil when drift's sums do not reproduce a row (the SQL builds it then).
        var latest: DriftGroups?
        /// The digest of the rows, when asked for.
        var digest: TableDigest?
        /// The digest of the report rows handed back, when asked for and SQLite stores them as bound.
        var reportDigest: TableDigest?
        /// The last ad's report rows.
        var output: Output
        /// What the comparison fed the rows found (`SummaryBuild.comparison`).
        var walked: KeyOrderStream.Walked? = nil
    }

    let layout: Layout
    /// The drift groups held before they are written out (``SummaryBuild/groupLimit``).
    let groupLimit: Int
    private let texts: SummaryBuild.ColumnTexts
    private var report = true
    /// False once a row holds a value the drift groups do not reproduce.
    private var driftSupported = true
    private var latest: DriftGroups
    private var ad: String?
    private var groups: [ReportKey: ReportGroup] = [:]
    private var digest: TableDigest.Sums?
    private var reportDigest: TableDigest.BoundRows?

    /// With `digests`, the rows' digest is taken (``Final/digest``); `report` digests the report rows handed back.
    init(layout: Layout, groupLimit: Int, digests: Bool, report: TableDigest.BoundRows? = nil) {
        self.layout = layout
        self.groupLimit = groupLimit
        texts = SummaryBuild.ColumnTexts(count: layout.columns)
        latest = DriftGroups(columns: layout.base.count)
        digest = digests ? TableDigest.Sums() : nil
        reportDigest = report
    }

    /// A report group's key after `meta_ad_id`, in `GROUP BY` order.
    private struct ReportKey: Hashable, Comparable {
        var bucket: String
        var currency: String?
        var brand: String?
        var account: String?
        var campaign: String?
        var adset: String?

        static func < (a: ReportKey, b: ReportKey) -> Bool {
            if a.bucket != b.bucket { return a.bucket < b.bucket }
            for (x, y) in [
                (a.currency, b.currency), (a.brand, b.brand), (a.account, b.account), (a.campaign, b.campaign),
            ]
            where x != y {
                return SummaryBuild.precedes(x, y)
            }
            return SummaryBuild.precedes(a.adset, b.adset)
        }
    }

    private struct ReportGroup {
        var dayMask: Int64 = 0
        var firstDay: String
        var lastDay: String
        /// spend_micros, impressions, clicks, link_clicks, purchases, purchase_value_micros, add_to_carts, video_views.
        var sums = SummaryBuild.Sums(count: 8)
    }

    /// Adds one row, `hash` its digest's share (`TableDigest.hash(row:)`) in key bucket `bucket`; a row that is not
    /// one (nil) stops the sums, as a value they do not reproduce does.
    mutating func add(_ row: GatheredRow?, hash: UInt64, bucket: Int, into output: inout Output) {
        guard let row else {
            report = false
            digest = nil
            return
        }
        digest?.add(hash: hash, bucket: bucket)
        guard report else { return }
        do throws(SummaryBuild.Unsupported) {
            let adId = try texts.required(row, layout.ad)
            if adId != ad {
                if let ad { flush(ad: ad, into: &output) }
                groups.removeAll(keepingCapacity: true)
                ad = adId
            }
            let key = try addReport(row)
            if driftSupported {
                do throws(SummaryBuild.Unsupported) { try addLatest(row, key: key) } catch {
                    driftSupported = false
                    latest = DriftGroups(columns: layout.base.count)
                }
            }
        } catch {
            report = false
            return
        }
        if driftSupported, latest.count >= groupLimit {
            output.spills.append(latest)
            latest.removeGroups()
        }
    }

    /// The sums once every row was added.
    mutating func finish() -> Final {
        var output = Output()
        if report, let ad { flush(ad: ad, into: &output) }
        // The drift groups stopped where the report's did.
        return Final(
            report: report, latest: report && driftSupported ? latest : nil, digest: digest?.digest,
            reportDigest: report ? reportDigest?.digest : nil, output: output)
    }

    /// Adds one performance row to its ad's report group; returns its date and the group's key.
    private mutating func addReport(_ row: GatheredRow) throws(SummaryBuild.Unsupported) -> (
        date: String, key: ReportKey
    ) {
        let date = try texts.required(row, layout.date)
        guard let day = ReportBucket(date: date) else { throw SummaryBuild.Unsupported() }
        let key = ReportKey(
            bucket: day.start, currency: try texts.optional(row, layout.currency),
            brand: try texts.optional(row, layout.brand), account: try texts.optional(row, layout.account),
            campaign: try texts.optional(row, layout.campaign), adset: try texts.optional(row, layout.adset))
        // Updated in place (a copy taken out and stored back would copy its sums' storage on every row).
        try Self.add(
            row, date: date, dayBit: day.dayBit, layout: layout,
            to: &groups[key, default: ReportGroup(firstDay: date, lastDay: date)])
        return (date, key)
    }

    private static func add(
        _ row: GatheredRow, date: String, dayBit: Int64, layout: Layout, to group: inout ReportGroup
    ) throws(SummaryBuild.Unsupported) {
        group.dayMask += dayBit
        if date < group.firstDay { group.firstDay = date }
        if date > group.lastDay { group.lastDay = date }
        // spend and purchase_value as micros, the counts as they are.
        for (index, at) in layout.base.enumerated() {
            let value = layout.isMoney[index] ? try SummaryBuild.micros(row, at) : try SummaryBuild.integer(row, at)
            try group.sums.add(value, at: index)
        }
    }

    /// Adds one performance row to its drift group (`is_latest = 1`), with the key of its report group (whose
    /// account, campaign and currency are the row's).
    private mutating func addLatest(_ row: GatheredRow, key report: (date: String, key: ReportKey))
        throws(SummaryBuild.Unsupported)
    {
        guard let account = report.key.account, let fetched = try texts.optional(row, layout.firstFetched),
            fetched.utf8.count >= 10
        else { throw SummaryBuild.Unsupported() }
        let key = latest.key(
            account: account, campaign: report.key.campaign, currency: report.key.currency, date: report.date,
            fromDay: fetched.prefix(10), toDay: nil)
        let slot = latest.slot(key)
        latest.addVersion(at: slot)
        for (index, at) in layout.base.enumerated() {
            let value = try SummaryBuild.micros(row, at)
            guard latest.add(value ?? 0, column: index, at: slot, counted: value != nil) else {
                throw SummaryBuild.Unsupported()
            }
        }
    }

    /// One ad's report groups as rows, in key order.
    private mutating func flush(ad: String, into output: inout Output) {
        for key in groups.keys.sorted() {
            guard let group = groups[key] else { continue }
            var values: [SQLValue] = [
                .text(ad), .text(key.bucket), SummaryBuild.value(key.currency), SummaryBuild.value(key.brand),
                SummaryBuild.value(key.account), SummaryBuild.value(key.campaign), SummaryBuild.value(key.adset),
                .integer(group.dayMask), .text(group.firstDay), .text(group.lastDay),
            ]
            values += group.sums.values.map { $0.map(SQLValue.integer) ?? .null }
            reportDigest?.add(values)
            output.reportRows.append(values)
        }
    }
}
