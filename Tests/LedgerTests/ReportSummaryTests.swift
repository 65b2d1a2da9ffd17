import Foundation
import Sync
import Testing

@testable import Ledger

/// `report_ad_buckets` (schema 8) and the report path over it give what the plain query over
/// `meta_ads_performance` gives: for every grouping, filter, range and ranking, after restatements and brand
/// changes, after `rebuild`, on a ledger migrated from schema 7, and `verify` catches a tampered summary.
@Suite struct ReportSummaryTests {
    /// Requests covering every grouping, filter and ranking, and ranges that start and end inside buckets
    /// (the fixture's days run Thursday 2025-11-27 … Friday 2025-12-05, across a month end mid-week).
    static func requests() throws -> [ReportRequest] {
        var requests: [ReportRequest] = []
        let groupingSets: [[ReportGrouping]] =
            ReportGrouping.allCases.map { [$0] } + [
                [.concept, .week], [.campaign, .week], [.creative, .brand], [.account, .month], [.adset, .ad],
                [.brand, .month],
            ]
        for groupings in groupingSets { requests.append(ReportRequest(groupings: groupings)) }
        let ranges: [(String?, String?)] = [
            ("2025-12-01", nil), (nil, "2025-11-30"), ("2025-11-29", "2025-12-02"), ("2025-11-28", "2025-11-28"),
            ("2025-12-02", "2025-12-04"), ("2025-11-27", "2025-12-05"), ("2025-11-30", "2025-12-01"),
            ("2025-11-01", "2025-12-31"), ("2025-12-03", nil), (nil, "2025-12-03"), ("2025-11-24", "2025-11-30"),
        ]
        for (since, until) in ranges {
            for groupings in [[ReportGrouping.concept], [.campaign, .week], [.account, .month], [.ad]] {
                var request = ReportRequest(groupings: groupings)
                (request.since, request.until) = (since, until)
                request.trend = !groupings.contains(where: \.isTime)
                requests.append(request)
            }
        }
        for change in [
            { (r: inout ReportRequest) in r.brand = "JP" }, { $0.brand = "WP" }, { $0.account = "43" },
            { $0.campaign = "10" }, { $0.mappedOnly = true }, { $0.minSpend = 60 }, { $0.trend = true },
        ] as [(inout ReportRequest) -> Void] {
            for groupings in [[ReportGrouping.creative], [.campaign, .week], [.brand]] {
                var request = ReportRequest(groupings: groupings)
                change(&request)
                if request.trend && groupings.contains(where: \.isTime) { continue }
                requests.append(request)
            }
        }
        for (rank, metric) in [
            (ReportRank.top(2), "roas"), (.bottom(2), "cpa"), (.top(1), "spend"), (.top(3), "ctr"),
            (.bottom(1), "conversion_rate"), (.top(2), "cpm"),
        ] {
            for groupings in [[ReportGrouping.ad], [.concept, .week]] {
                var request = ReportRequest(groupings: groupings)
                request.rank = rank
                request.orderBy = try ReportMetric.named(metric)
                request.trend = !groupings.contains(where: \.isTime)
                requests.append(request)
            }
        }
        return requests
    }

    /// Every request gives the same header and rows over the summary as over the performance rows.
    static func expectPathsAgree(_ ledger: LedgerReader, sourceLocation: SourceLocation = #_sourceLocation) throws {
        for request in try requests() {
            let summary = try ledger.report(request, useSummary: true)
            let plain = try ledger.report(request, useSummary: false)
            #expect(!plain.rows.isEmpty, "\(request)", sourceLocation: sourceLocation)
            #expect(summary.header.columns.map(\.name) == plain.header.columns.map(\.name), sourceLocation: sourceLocation)
            #expect(summary.header.trendBuckets == plain.header.trendBuckets, "\(request)", sourceLocation: sourceLocation)
            #expect(summary.rows == plain.rows, "\(request)", sourceLocation: sourceLocation)
        }
    }

    /// The summary table's rows, sorted.
    static func summaryRows(_ ledger: LedgerReader) throws -> [[String]] {
        var rows: [[String]] = []
        try ledger.query(
            "SELECT * FROM report_ad_buckets", columns: { _ in }, row: { rows.append($0.map(\.plainText)) })
        return rows.sorted { $0.lexicographicallyPrecedes($1) }
    }

    /// Restates some ad-days (later fetch, other numbers) and moves an ad to another campaign for a day.
    static func restate(_ fixture: ReportFixture) throws {
        var rows: [String] = []
        for ad in ReportFixture.ads where ad.id.hasSuffix("1") || ad.id.hasSuffix("4") {
            for (index, day) in ReportFixture.days.enumerated() where index >= max(ad.firstDay, 3) && index % 2 == 1 {
                rows.append(
                    ReportFixture.row(ad, index + 5, day).replacingOccurrences(
                        of: "\"campaign_id\":\"\(ad.campaign)\"",
                        with: "\"campaign_id\":\"\(index == 5 ? "77" : ad.campaign)\""))
            }
        }
        let page = try fixture.test.file("restated.json", "{\"data\":[" + rows.joined(separator: ",") + "]}")
        _ = try fixture.test.open(at: "2025-12-08T06:00:00Z").ingest(files: [page], account: nil)
    }

    @Test func summaryPathEqualsThePlainQuery() throws {
        let fixture = try ReportFixture()
        let ledger = try fixture.test.reader()
        #expect(try Self.summaryRows(ledger).count > ReportFixture.ads.count)
        try Self.expectPathsAgree(ledger)
    }

    @Test func restatementsKeepTheSummaryEqualToARebuild() throws {
        let fixture = try ReportFixture()
        let before = try Self.summaryRows(try fixture.test.reader())
        try Self.restate(fixture)
        let ledger = try fixture.test.reader()
        let live = try Self.summaryRows(ledger)
        #expect(live != before)
        #expect(live.contains { $0[5] == "77" }, "the moved day has its own summary row")
        try Self.expectPathsAgree(ledger)
        let verify = try ledger.verify()
        #expect(verify.ok, "\(verify.problems)")
        let dry = try fixture.test.open().rebuild(dryRun: true)
        #expect(dry.diffs.first { $0.table == ReportSummary.table }?.isEmpty == true)
        _ = try fixture.test.open().rebuild(dryRun: false)
        let rebuilt = try fixture.test.reader()
        #expect(try Self.summaryRows(rebuilt) == live)
        try Self.expectPathsAgree(rebuilt)
    }

    @Test func rebuildKeepsTheUpkeepTriggers() throws {
        let fixture = try ReportFixture()
        _ = try fixture.test.open().rebuild(dryRun: false)
        let ledger = try fixture.test.reader()
        let triggers = try fixture.test.rows(
            "SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'report_ad_buckets%' ORDER BY name",
            ledger: ledger)
        #expect(triggers.map(\.[0]) == ["report_ad_buckets_delete", "report_ad_buckets_insert", "report_ad_buckets_update"])
        // Rows ingested after the rebuild still reach the summary.
        try Self.restate(fixture)
        let after = try fixture.test.reader()
        #expect(try after.verify().ok)
        try Self.expectPathsAgree(after)
    }

    @Test func asOfReadsThePerformanceTableAndMatchesTheSummary() throws {
        let fixture = try ReportFixture()
        let atFirst = try fixture.test.reader()
        var early: [(header: ReportHeader, rows: [ReportRow])] = []
        for request in try Self.requests() { early.append(try atFirst.report(request)) }
        let firstSummary = try Self.summaryRows(atFirst)
        try Self.restate(fixture)
        let ledger = try fixture.test.reader()
        // As of before the restatement: what the summary path said then.
        try ledger.setAsOf("2025-12-07T00:00:00Z")
        for (request, then) in zip(try Self.requests(), early) {
            let now = try ledger.report(request)
            #expect(now.rows == then.rows, "\(request)")
        }
        #expect(try Self.summaryRows(ledger) == firstSummary, "the as-of view of the summary")
        // As of after the last event: the live summary.
        try ledger.setAsOf("2025-12-31T00:00:00Z")
        let asOfLatest = try Self.summaryRows(ledger)
        try ledger.setAsOf(nil)
        #expect(asOfLatest == (try Self.summaryRows(ledger)))
    }

    @Test func verifyDetectsATamperedSummary() throws {
        let fixture = try ReportFixture()
        do {
            let ledger = try fixture.test.open()
            try ledger.connection.execute(
                "UPDATE report_ad_buckets SET spend_micros = spend_micros + 1 WHERE rowid = (SELECT min(rowid) FROM report_ad_buckets)")
        }
        let verify = try fixture.test.reader().verify()
        #expect(!verify.ok)
        #expect(verify.problems.contains { $0.contains("report_ad_buckets") && $0.contains("spend_micros") }, "\(verify.problems)")
        do {
            let ledger = try fixture.test.open()
            try ledger.connection.execute("DELETE FROM report_ad_buckets WHERE rowid = (SELECT max(rowid) FROM report_ad_buckets)")
        }
        let dry = try fixture.test.open().rebuild(dryRun: true)
        let diff = try #require(dry.diffs.first { $0.table == ReportSummary.table })
        #expect(diff.changed == 1 && diff.added == 1)
        _ = try fixture.test.open().rebuild(dryRun: false)
        #expect(try fixture.test.reader().verify().ok)
    }

    @Test func schema8BuildsTheSummaryOfAnExistingLedger() throws {
        let fixture = try ReportFixture()
        try Self.restate(fixture)
        let expected = try Self.summaryRows(try fixture.test.reader())
        do {
            // Back to schema 7: no summaries, no triggers.
            let ledger = try fixture.test.open()
            try SchemaRollback.toSchema9(ledger.connection)
            var sql = ""
            for row in try fixture.test.rows(
                """
                SELECT type, name FROM sqlite_master WHERE name IN ('report_ad_buckets', 'drift_segments')
                    OR (type = 'trigger' AND (name LIKE 'report\\_ad\\_buckets\\_%' ESCAPE '\\' OR name LIKE 'drift\\_segments\\_%' ESCAPE '\\'))
                ORDER BY type DESC
                """, ledger: ledger)
            {
                sql += "DROP \(row[0].uppercased()) IF EXISTS \(row[1]);\n"
            }
            try ledger.connection.execute(
                sql + """
                    DELETE FROM schema_migrations WHERE version >= 8;
                    DELETE FROM projection_state WHERE name IN ('report_ad_buckets', 'drift_segments');
                    PRAGMA user_version = 7;
                    """)
        }
        let migrated = try fixture.test.open()
        #expect(try migrated.connection.scalar("PRAGMA user_version")?.integer == Int64(SchemaFile.latestVersion))
        #expect(try Self.summaryRows(migrated) == expected)
        #expect(try migrated.verify().ok)
        try Self.expectPathsAgree(migrated)
    }
}
