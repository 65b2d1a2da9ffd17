import Foundation
import Testing

/// `demo` gets its fixed clocks through the library: every run prints the same and builds the same projections.
@Suite struct DemoCommandTests {
    static let projections = [
        "meta_ads_performance", "meta_ads_performance_history", "insight_parts", "meta_ad_accounts",
        "brand_ad_accounts",
        "meta_campaigns", "generated_ads", "meta_ad_mapping", "match_rejections", "match_suggestions", "meta_adsets",
        "meta_ads", "meta_ad_creatives", "meta_ad_status_changes", "report_ad_buckets", "drift_segments",
    ]

    /// Each projection as `query --format json`, every row ordered by all its columns.
    func projections(_ bin: AdledgerBinary) throws -> [String: String] {
        var tables: [String: String] = [:]
        for table in Self.projections {
            let columns = try bin.run([
                "--db", "adledger-demo.sqlite", "query", "SELECT count(*) AS n FROM pragma_table_info('\(table)')",
                "--format", "csv",
            ])
            let count = try #require(
                Int(columns.stdout.split(separator: "\n").last ?? ""), "\(table): \(columns.stderr)")
            try #require(count > 0, "\(table) has no columns")
            let order = (1...count).map(String.init).joined(separator: ", ")
            let rows = try bin.run([
                "--db", "adledger-demo.sqlite", "query", "SELECT * FROM \(table) ORDER BY \(order)", "--format", "json",
            ])
            try #require(rows.status == 0, "\(table): \(rows.stderr)")
            tables[table] = rows.stdout
        }
        return tables
    }

    @Test func demoGivesTheSameOutputAndProjectionsOnEveryRun() throws {
        let first = try AdledgerBinary()
        let second = try AdledgerBinary()
        let one = try first.run(["demo"])
        let two = try second.run(["demo"])
        try #require(one.status == 0 && two.status == 0, "\(one.stderr)\(two.stderr)")
        #expect(
            one.stdout.replacingOccurrences(of: first.directory.path, with: "DIR")
                == two.stdout.replacingOccurrences(of: second.directory.path, with: "DIR"))
        #expect(one.stdout.contains("auto-linked"))
        let a = try projections(first)
        let b = try projections(second)
        for table in Self.projections {
            let same = a[table] == b[table]  // compared outside #expect, which would print both tables whole
            #expect(same, "\(table) differs between two demo runs")
        }
        // The demo's projections hold data (an empty table would compare equal too).
        for table in ["meta_ads_performance", "meta_ad_accounts", "generated_ads", "meta_ad_mapping"] {
            #expect(try AdledgerBinary.json(a[table] ?? "[]").count > 0, "\(table) is empty")
        }
    }
}
