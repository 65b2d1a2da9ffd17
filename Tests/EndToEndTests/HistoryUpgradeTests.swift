import Foundation
import Testing

/// Schema 10 stores each current version once (in `meta_ads_performance`) and makes `meta_ads_performance_history`
/// a view. On a ledger the previous release wrote (`Fixtures/legacy/v9-history/`, with brand links and unlinks after
/// fetches, so current versions and their performance rows name different brands), every history, as-of, `history`
/// and `report` answer that release gave (`expected.json`, recorded by it) is the same after the upgrade, and again
/// after a rebuild and a further append.
@Suite struct HistoryUpgradeTests {
    struct Recorded: Decodable {
        let arguments: [String]
        let output: String
    }

    static let fixture = AdledgerBinary.repository.appendingPathComponent("Fixtures/legacy/v9-history")

    func expectRecordedAnswers(_ bin: AdledgerBinary, _ db: String, _ when: String) throws {
        let recorded = try JSONDecoder().decode(
            [Recorded].self, from: Data(contentsOf: Self.fixture.appendingPathComponent("expected.json")))
        #expect(recorded.count == 24)
        for answer in recorded {
            let result = try bin.run(["--db", db] + answer.arguments)
            #expect(result.status == 0, "\(answer.arguments): \(result.stderr)")
            #expect(result.stdout == answer.output, "\(when): \(answer.arguments)")
        }
    }

    func scalar(_ bin: AdledgerBinary, _ db: String, _ sql: String) throws -> String {
        let result = try bin.run(["--db", db, "query", sql, "--format", "csv"])
        try #require(result.status == 0, "\(result.stderr)")
        return result.stdout.split(separator: "\n").dropFirst().joined(separator: "\n")
    }

    @Test func aPreviousReleasesHistoryAndAsOfAnswersAreUnchangedAfterTheUpgrade() throws {
        let bin = try AdledgerBinary()
        let db = bin.path("v9.sqlite")
        try FileManager.default.copyItem(atPath: Self.fixture.appendingPathComponent("ledger.sqlite").path, toPath: db)

        try expectRecordedAnswers(bin, db, "upgraded")
        // Upgraded: 3 replaced versions in their table, the 10 current ones only in performance rows, each of
        // which keeps the brand its version was fetched under (brand-c is every row's brand now).
        #expect(try scalar(bin, db, "PRAGMA user_version") == "16")
        #expect(try scalar(bin, db, "SELECT type FROM sqlite_master WHERE name = 'events'") == "view")
        #expect(try scalar(bin, db, "SELECT count(*) FROM sqlite_master WHERE name = 'stream_heads'") == "0")
        let type = "SELECT type FROM sqlite_master WHERE name = 'meta_ads_performance_history'"
        #expect(try scalar(bin, db, type) == "view")
        #expect(try scalar(bin, db, "SELECT count(*) FROM meta_ads_performance_replaced") == "3")
        #expect(try scalar(bin, db, "SELECT DISTINCT brand_id FROM meta_ads_performance") == "brand-c")
        #expect(
            try scalar(
                bin, db,
                "SELECT quote(version_brand_id), count(*) FROM meta_ads_performance GROUP BY 1 ORDER BY 1")
                == "'brand-a',2\n'brand-b',1\nX'',7")
        let verify = try bin.run(["--db", db, "verify"])
        #expect(verify.status == 0, "\(verify.stdout)\(verify.stderr)")

        // A rebuild of the unchanged log changes nothing and gives the same answers.
        let dry = try bin.run(["--db", db, "rebuild", "--dry-run"])
        #expect(dry.status == 0, "\(dry.stderr)")
        for table in ["meta_ads_performance", "meta_ads_performance_history", "drift_segments"] {
            #expect(dry.stdout.contains("\(table): no changes"), "\(dry.stdout)")
        }
        #expect(try bin.run(["--db", db, "rebuild"]).status == 0)
        try expectRecordedAnswers(bin, db, "rebuilt")

        // A new version of a current one: the history gains it and closes the one it replaces.
        let before = try scalar(bin, db, "SELECT count(*) FROM meta_ads_performance_history")
        let f2 = Self.fixture.appendingPathComponent("f2.json").path
        let data = try String(contentsOfFile: f2, encoding: .utf8).replacingOccurrences(of: "52.36", with: "58.36")
        let ingest = try bin.run(["--db", db, "ingest", try bin.write("f4.json", data)])
        #expect(ingest.status == 0, "\(ingest.stderr)")
        let after = try scalar(bin, db, "SELECT count(*) FROM meta_ads_performance_history")
        #expect(after == String((Int(before) ?? 0) + 1))
        #expect(
            try scalar(
                bin, db,
                """
                SELECT spend, valid_to IS NULL, brand_id IS NULL FROM meta_ads_performance_history
                WHERE meta_ad_id = '2385000000000000' AND date = '2025-12-01' ORDER BY seq
                """) == "51.36,0,1\n52.36,0,0\n54.36,0,0\n58.36,1,0")
        #expect(try bin.run(["--db", db, "verify"]).status == 0)
    }
}
