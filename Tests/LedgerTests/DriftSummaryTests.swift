import Foundation
import Sync
import Testing

@testable import Ledger

/// `drift_segments` (schema 9) and `report drift` over it give what the plain query over the performance rows
/// and their history gives: by account and campaign, for every metric and range, after restatements (values,
/// campaign and first-fetch changes), after `rebuild`, on a ledger migrated from schema 8, and `verify` catches
/// a tampered summary.
@Suite struct DriftSummaryTests {
    static let requests: [DriftRequest] = {
        var requests: [DriftRequest] = []
        for grouping in [ReportGrouping.account, .campaign] {
            for metric in ReportMetric.all {
                requests.append(DriftRequest(metric: metric, grouping: grouping))
            }
            for (since, until) in [("2025-11-29", nil), (nil, "2025-12-01"), ("2025-11-28", "2025-12-03")] {
                var request = DriftRequest(metric: ReportMetric.all[6], grouping: grouping)
                (request.since, request.until) = (since, until)
                requests.append(request)
            }
        }
        return requests
    }()

    /// Every request gives the same result over the summary as over the projections.
    static func expectPathsAgree(_ ledger: LedgerReader, sourceLocation: SourceLocation = #_sourceLocation) throws {
        for request in requests {
            let summary = try ledger.drift(request, useSummary: true)
            let plain = try ledger.drift(request, useSummary: false)
            #expect(!plain.rows.isEmpty, sourceLocation: sourceLocation)
            #expect(summary == plain, "\(request.grouping) \(request.metric.name) \(request.since ?? "-") \(request.until ?? "-")", sourceLocation: sourceLocation)
        }
    }

    static func summaryRows(_ ledger: LedgerReader) throws -> [[String]] {
        var rows: [[String]] = []
        try ledger.query("SELECT * FROM drift_segments", columns: { _ in }, row: { rows.append($0.map(\.plainText)) })
        return rows.sorted { $0.lexicographicallyPrecedes($1) }
    }

    /// The report fixture restated twice (so ad-days have two replaced versions, one moved to campaign 77).
    static func restated() throws -> ReportFixture {
        let fixture = try ReportFixture()
        try ReportSummaryTests.restate(fixture)
        var rows: [String] = []
        for ad in ReportFixture.ads where ad.id.hasSuffix("1") {
            for (index, day) in ReportFixture.days.enumerated() where index >= ad.firstDay && index % 3 == 0 {
                rows.append(ReportFixture.row(ad, index + 9, day))
            }
        }
        let page = try fixture.test.file("again.json", "{\"data\":[" + rows.joined(separator: ",") + "]}")
        _ = try fixture.test.open(at: "2025-12-11T06:00:00Z").ingest(files: [page], account: nil)
        return fixture
    }

    @Test func summaryPathEqualsThePlainQuery() throws {
        let fixture = try Self.restated()
        let ledger = try fixture.test.reader(at: "2025-12-20T12:00:00Z")
        #expect(try Self.summaryRows(ledger).contains { $0[0] == "0" }, "replaced versions are summarized")
        try Self.expectPathsAgree(ledger)
        // Close to the horizon too (ages cut by today).
        try Self.expectPathsAgree(try fixture.test.reader(at: "2025-12-11T12:00:00Z"))
    }

    @Test func liveUpkeepEqualsARebuildAndVerifyCatchesTampering() throws {
        let fixture = try Self.restated()
        let live = try Self.summaryRows(try fixture.test.reader())
        #expect(try fixture.test.reader().verify().ok)
        _ = try fixture.test.open().rebuild(dryRun: false)
        let rebuilt = try fixture.test.reader(at: "2025-12-20T12:00:00Z")
        #expect(try Self.summaryRows(rebuilt) == live)
        try Self.expectPathsAgree(rebuilt)
        // The triggers survive the rebuild: a later restatement keeps the summary equal to a rebuild.
        let page = try fixture.test.file(
            "late.json", "{\"data\":[" + ReportFixture.row(ReportFixture.ads[0], 20, ReportFixture.days[2]) + "]}")
        _ = try fixture.test.open(at: "2025-12-12T06:00:00Z").ingest(files: [page], account: nil)
        #expect(try fixture.test.reader().verify().ok)
        try Self.expectPathsAgree(try fixture.test.reader(at: "2025-12-20T12:00:00Z"))
        do {
            let ledger = try fixture.test.open()
            try ledger.connection.execute(
                "UPDATE drift_segments SET purchases_micros = purchases_micros + 1000000 WHERE rowid = (SELECT max(rowid) FROM drift_segments WHERE is_latest = 0)")
        }
        let verify = try fixture.test.reader().verify()
        #expect(!verify.ok)
        #expect(verify.problems.contains { $0.contains("drift_segments") && $0.contains("purchases_micros") }, "\(verify.problems)")
        _ = try fixture.test.open().rebuild(dryRun: false)
        #expect(try fixture.test.reader().verify().ok)
    }

    @Test func asOfAnswersLikeTheLiveSummaryDid() throws {
        let fixture = try ReportFixture()
        try ReportSummaryTests.restate(fixture)
        let then = try fixture.test.reader(at: "2025-12-09T00:00:00Z")
        var before: [DriftResult] = []
        for request in Self.requests { before.append(try then.drift(request)) }
        let summaryThen = try Self.summaryRows(then)
        var rows: [String] = []
        for ad in ReportFixture.ads { rows.append(ReportFixture.row(ad, 30, ReportFixture.days[8])) }
        let page = try fixture.test.file("later.json", "{\"data\":[" + rows.joined(separator: ",") + "]}")
        _ = try fixture.test.open(at: "2025-12-10T06:00:00Z").ingest(files: [page], account: nil)
        let ledger = try fixture.test.reader(at: "2025-12-20T00:00:00Z")
        try ledger.setAsOf("2025-12-09T00:00:00Z")
        for (request, expected) in zip(Self.requests, before) {
            var result = try ledger.drift(request)
            #expect(result.isAsOf)
            result.isAsOf = false
            result.latestAt = expected.latestAt
            #expect(result.rows == expected.rows && result.totals == expected.totals)
        }
        #expect(try Self.summaryRows(ledger) == summaryThen, "the as-of view of the summary")
    }

    @Test func schema9BuildsTheSummaryOfAnExistingLedger() throws {
        let fixture = try Self.restated()
        let expected = try Self.summaryRows(try fixture.test.reader())
        do {
            let ledger = try fixture.test.open()
            try SchemaRollback.toSchema9(ledger.connection)
            var drop = "DROP TABLE drift_segments;"
            for row in try fixture.test.rows("SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'drift_segments_%'", ledger: ledger) {
                drop += " DROP TRIGGER \(row[0]);"
            }
            try ledger.connection.execute(
                drop
                    + " DELETE FROM schema_migrations WHERE version >= 9; DELETE FROM projection_state"
                    + " WHERE name = 'drift_segments'; PRAGMA user_version = 8;")
        }
        let migrated = try fixture.test.open(at: "2025-12-20T12:00:00Z")
        #expect(try migrated.connection.scalar("PRAGMA user_version")?.integer == Int64(SchemaFile.latestVersion))
        #expect(try Self.summaryRows(migrated) == expected)
        #expect(try migrated.verify().ok)
        try Self.expectPathsAgree(migrated)
    }
}
