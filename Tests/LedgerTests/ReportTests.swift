import Foundation
import Testing

@testable import Ledger

/// `report` checked by value against plain SQL over the projections, grouped and filtered in Swift.
@Suite struct ReportTests {
    /// Sums of one expected group.
    struct Expected {
        var spend = 0.0
        var impressions = 0.0
        var clicks = 0.0
        var purchases = 0.0
        var purchaseValue = 0.0
        var days = Set<String>()
        var ads = Set<String>()
    }

    static func expected(
        _ facts: [ReportFixture.Fact], _ groupings: [ReportGrouping],
        where include: (ReportFixture.Fact) -> Bool = { _ in true }
    ) -> [String: Expected] {
        var groups: [String: Expected] = [:]
        for fact in facts where include(fact) {
            var key: [String] = []
            var names: Set<String> = []
            for grouping in groupings {
                let columnNames = grouping.keys.map(\.name)
                for (name, value) in zip(columnNames, ReportFixture.key(grouping, fact))
                where names.insert(name).inserted {
                    key.append(value)
                }
            }
            key.append(fact.text("currency") ?? "")
            var group = groups[key.joined(separator: "|")] ?? Expected()
            group.spend += fact.number("spend")
            group.impressions += fact.number("impressions")
            group.clicks += fact.number("clicks")
            group.purchases += fact.number("purchases")
            group.purchaseValue += fact.number("purchase_value")
            group.days.insert(fact.text("date") ?? "")
            group.ads.insert(fact.text("meta_ad_id") ?? "")
            groups[key.joined(separator: "|")] = group
        }
        return groups
    }

    /// A report row's key (its key columns and currency) and its values by column name.
    static func keyed(_ header: ReportHeader, _ row: ReportRow) -> (key: String, values: [String: SQLValue]) {
        let values = Dictionary(uniqueKeysWithValues: zip(header.columns.map(\.name), row.values))
        let key = header.columns.filter { $0.kind == .key || $0.kind == .currency }.map {
            values[$0.name]?.plainText ?? ""
        }
        return (key.joined(separator: "|"), values)
    }

    static func money(_ value: Double, _ currency: String?) -> Double {
        currency == "JPY" ? value.rounded() : (value * 100).rounded() / 100
    }

    /// Checks every group of `report` against the expected sums, and that no group is missing or extra.
    static func check(
        _ result: (header: ReportHeader, rows: [ReportRow]), _ expected: [String: Expected],
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        var seen: Set<String> = []
        for row in result.rows {
            let (key, values) = keyed(result.header, row)
            seen.insert(key)
            guard let group = expected[key] else {
                Issue.record("unexpected group \(key)", sourceLocation: sourceLocation)
                continue
            }
            let currency = row.currency
            #expect(values["spend"]?.number == money(group.spend, currency), "\(key)", sourceLocation: sourceLocation)
            #expect(
                values["impressions"] == .integer(Int64(group.impressions)), "\(key)", sourceLocation: sourceLocation)
            #expect(values["clicks"] == .integer(Int64(group.clicks)), "\(key)", sourceLocation: sourceLocation)
            #expect(values["purchases"] == .integer(Int64(group.purchases)), "\(key)", sourceLocation: sourceLocation)
            #expect(
                values["purchase_value"]?.number == money(group.purchaseValue, currency), "\(key)",
                sourceLocation: sourceLocation)
            let roas = group.spend == 0 ? nil : (group.purchaseValue / group.spend * 10_000).rounded() / 10_000
            #expect(values["roas"]?.number == roas, "\(key)", sourceLocation: sourceLocation)
            let cpa = group.purchases == 0 ? nil : money(group.spend / group.purchases, currency)
            #expect(values["cost_per_purchase"]?.number == cpa, "\(key)", sourceLocation: sourceLocation)
            #expect(values["days_live"] == .integer(Int64(group.days.count)), "\(key)", sourceLocation: sourceLocation)
            #expect(values["meta_ads"] == .integer(Int64(group.ads.count)), "\(key)", sourceLocation: sourceLocation)
            if currency == "JPY" {
                #expect(values["spend"]?.integer != nil, "JPY money is whole: \(key)", sourceLocation: sourceLocation)
            }
        }
        #expect(seen == Set(expected.keys), sourceLocation: sourceLocation)
        #expect(result.rows.count == expected.count, sourceLocation: sourceLocation)
    }

    static let groupingSets: [[ReportGrouping]] =
        ReportGrouping.allCases.map { [$0] } + [
            [.concept, .week], [.campaign, .week], [.creative, .brand], [.account, .month], [.format, .day],
            [.adset, .ad],
        ]

    @Test(arguments: groupingSets) func everyGroupingMatchesPlainSQL(_ groupings: [ReportGrouping]) throws {
        let fixture = try ReportFixture()
        let ledger = try fixture.test.reader()
        let result = try ledger.report(ReportRequest(groupings: groupings))
        let expected = Self.expected(try fixture.facts(ledger), groupings)
        #expect(expected.count > 1)
        Self.check(result, expected)
        // Ordered by currency, then spend (highest first) — or by time when grouped by time.
        let currencies = result.rows.map { $0.currency ?? "" }
        #expect(currencies == currencies.sorted())
        if !groupings.contains(where: \.isTime) {
            for currency in Set(currencies) {
                let spends = result.rows.filter { $0.currency == currency }.map {
                    Self.keyed(result.header, $0).values["spend"]?.number ?? 0
                }
                #expect(spends == spends.sorted(by: >), "\(currency)")
            }
        }
    }

    @Test func unmappedAdsAreGroupedUnlessMappedOnly() throws {
        let fixture = try ReportFixture()
        let ledger = try fixture.test.reader()
        let concepts = try ledger.report(ReportRequest(groupings: [.concept])).rows.map { $0.values[1].plainText }
        #expect(concepts.contains("(unmapped)"))
        var request = ReportRequest(groupings: [.concept])
        request.mappedOnly = true
        let mapped = try ledger.report(request)
        #expect(!mapped.rows.contains { $0.values[1].plainText == "(unmapped)" })
        Self.check(mapped, Self.expected(try fixture.facts(ledger), [.concept], where: \.isMapped))
    }

    /// (name, change to the request, the ad-days it keeps).
    static let filters: [(String, @Sendable (inout ReportRequest) -> Void, @Sendable (ReportFixture.Fact) -> Bool)] = [
        ("since", { $0.since = "2025-12-01" }, { ($0.text("date") ?? "") >= "2025-12-01" }),
        ("until", { $0.until = "2025-11-30" }, { ($0.text("date") ?? "") <= "2025-11-30" }),
        (
            "since and until", { ($0.since, $0.until) = ("2025-11-29", "2025-12-02") },
            { ("2025-11-29"..."2025-12-02").contains($0.text("date") ?? "") }
        ),
        ("brand JP", { $0.brand = "JP" }, { ($0.text("creative_brand") ?? $0.text("account_brand")) == "JP" }),
        ("brand WP", { $0.brand = "WP" }, { ($0.text("creative_brand") ?? $0.text("account_brand")) == "WP" }),
        ("account", { $0.account = "43" }, { $0.text("meta_ad_account_id") == "act_43" }),
        ("campaign", { $0.campaign = "10" }, { $0.text("meta_campaign_id") == "10" }),
    ]

    @Test(arguments: 0..<filters.count) func everyFilterMatchesPlainSQL(_ index: Int) throws {
        let (name, change, keep) = Self.filters[index]
        let fixture = try ReportFixture()
        let ledger = try fixture.test.reader()
        for groupings in [[ReportGrouping.creative], [.campaign, .day]] {
            var request = ReportRequest(groupings: groupings)
            change(&request)
            let expected = Self.expected(try fixture.facts(ledger), groupings, where: keep)
            #expect(!expected.isEmpty, "\(name)")
            let facts = try fixture.facts(ledger)
            #expect(facts.filter(keep).count < facts.count, "\(name) filters something")
            Self.check(try ledger.report(request), expected)
        }
    }

    @Test func minSpendDropsSmallGroupsInTheirOwnCurrency() throws {
        let fixture = try ReportFixture()
        let ledger = try fixture.test.reader()
        let all = Self.expected(try fixture.facts(ledger), [.ad])
        let spends = all.values.map(\.spend).sorted()
        var request = ReportRequest(groupings: [.ad])
        request.minSpend = spends[spends.count / 2]
        let kept = all.filter { $0.value.spend >= spends[spends.count / 2] }
        #expect(kept.count < all.count && !kept.isEmpty)
        Self.check(try ledger.report(request), kept)
    }

    /// (rank, metric, value of an expected group to rank by, higher first?).
    static let rankings: [(ReportRank, String, @Sendable (Expected) -> Double?, Bool)] = [
        (.top(2), "roas", { $0.spend == 0 ? nil : $0.purchaseValue / $0.spend }, true),
        (.bottom(2), "roas", { $0.spend == 0 ? nil : $0.purchaseValue / $0.spend }, false),
        (.top(1), "spend", { $0.spend }, true),
        (.bottom(3), "cpa", { $0.purchases == 0 ? nil : $0.spend / $0.purchases }, false),
        (.top(3), "ctr", { $0.impressions == 0 ? nil : $0.clicks / $0.impressions }, true),
        (.top(2), "purchases", { $0.purchases }, true),
    ]

    @Test(arguments: 0..<rankings.count) func rankingKeepsTheFirstOrLastGroupsPerCurrency(_ index: Int) throws {
        let (rank, metric, value, descending) = Self.rankings[index]
        let fixture = try ReportFixture()
        let ledger = try fixture.test.reader()
        var request = ReportRequest(groupings: [.ad])
        request.rank = rank
        request.orderBy = try ReportMetric.named(metric)
        let result = try ledger.report(request)
        let expected = Self.expected(try fixture.facts(ledger), [.ad])
        var wanted: [String] = []
        for currency in ["JPY", "USD"] {
            let ranked = expected.filter { $0.key.hasSuffix("|" + currency) }.compactMap { key, group in
                value(group).map { (key, $0) }
            }.sorted { descending ? ($0.1, $1.0) > ($1.1, $0.0) : ($0.1, $0.0) < ($1.1, $1.0) }
            wanted += ranked.prefix(rank.count).map(\.0)
        }
        #expect(result.rows.map { Self.keyed(result.header, $0).key } == wanted, "\(rank) \(metric)")
        Self.check(result, expected.filter { wanted.contains($0.key) })
        let column = try ReportMetric.named(metric).column
        #expect(result.header.columns.contains { $0.name == column })
    }

    @Test func anOrderByMetricNotShownByDefaultIsAdded() throws {
        let fixture = try ReportFixture()
        let ledger = try fixture.test.reader()
        var request = ReportRequest(groupings: [.account])
        request.orderBy = try ReportMetric.named("cpc")
        let result = try ledger.report(request)
        let index = try #require(result.header.columns.firstIndex { $0.name == "cpc" })
        let expected = Self.expected(try fixture.facts(ledger), [.account])
        for row in result.rows {
            let group = try #require(expected[Self.keyed(result.header, row).key])
            #expect(row.values[index].number == Self.money(group.spend / group.clicks, row.currency))
        }
    }

    @Test func trendsHoldTheMetricPerBucket() throws {
        let fixture = try ReportFixture()
        let ledger = try fixture.test.reader()
        var request = ReportRequest(groupings: [.ad])
        request.trend = true
        let result = try ledger.report(request)
        #expect(result.header.trendUnit == .day)
        #expect(result.header.trendBuckets == ReportFixture.days)
        let facts = try fixture.facts(ledger)
        for row in result.rows {
            let ad = row.values[0].plainText
            let expected = ReportFixture.days.map { day in
                facts.first { $0.text("meta_ad_id") == ad && $0.text("date") == day }.map { $0.number("spend") }
            }
            #expect(row.trend.count == expected.count)
            for (got, want) in zip(row.trend, expected) {
                #expect((got == nil) == (want == nil), "\(ad)")
                if let got, let want { #expect(abs(got - want) < 1e-9, "\(ad)") }
            }
        }
        request.since = "2025-06-01"
        request.until = "2025-12-31"
        #expect(try ledger.report(request).header.trendUnit == .month)
        request.since = "2025-11-01"
        #expect(try ledger.report(request).header.trendBuckets.first == "2025-10-27")
    }

    @Test func asOfReportsWhatTheLedgerKnewThen() throws {
        let fixture = try ReportFixture()
        let ledger = try fixture.test.reader()
        try ledger.setAsOf("2025-12-06T05:30:00Z")
        #expect(try ledger.report(ReportRequest(groupings: [.account])).rows.isEmpty)
        try ledger.setAsOf("2025-12-06T06:01:00Z")
        // Ingested, not yet linked: every ad is unmapped.
        let concepts = try ledger.report(ReportRequest(groupings: [.concept])).rows.map { $0.values[1].plainText }
        #expect(Set(concepts) == ["(unmapped)"])
    }

    @Test func badRequestsNameTheFix() throws {
        let fixture = try ReportFixture()
        let ledger = try fixture.test.reader()
        let metric = try #require(throws: LedgerError.self) { try ReportMetric.named("hook_rates") }
        #expect(metric.description.contains("roas") && metric.description.contains("cpa"))
        for groupings in [[ReportGrouping](), [.ad, .day, .week], [.ad, .ad]] {
            #expect(throws: LedgerError.self) { try ledger.report(ReportRequest(groupings: groupings)) }
        }
        var request = ReportRequest(groupings: [.ad])
        request.since = "2025-13-01"
        #expect(throws: LedgerError.self) { try ledger.report(request) }
        request = ReportRequest(groupings: [.week])
        request.trend = true
        #expect(throws: LedgerError.self) { try ledger.report(request) }
        request = ReportRequest(groupings: [.ad])
        request.rank = .top(0)
        #expect(throws: LedgerError.self) { try ledger.report(request) }
        request.rank = nil
        request.account = "acct_1"
        #expect(throws: LedgerError.invalidAccountId("acct_1")) { try ledger.report(request) }
    }
}
