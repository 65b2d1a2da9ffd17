import Foundation
import TestSupport
import Testing

/// The v1 → v2 upgrade, the product's promise shown on a ledger the previous release wrote
/// (`Fixtures/legacy/v1-demo.sqlite`, normalizer 1): `rebuild --dry-run` names the new columns, `rebuild`
/// computes them for every stored version from the raw payloads with no network, `verify` passes, and a
/// later sync adds v2-era versions beside the v1-era ones.
@Suite struct UpgradeCommandTests {
    static let token = "EAAupgradeTOKEN000000000000"
    static let newColumns = [
        "landing_page_views", "initiate_checkouts", "content_views", "cost_per_initiate_checkout",
        "cost_per_landing_page_view", "video_3s_views", "video_thruplays", "hook_rate", "hold_rate", "cpc",
        "attribution",
    ]
    /// Columns `meta_ads_performance` learns from the Meta objects syncs read since this release.
    static let objectColumns = ["ad_status", "is_video", "campaign_objective"]

    /// A scratch copy of the v1 ledger: opening it for writing migrates it, and the fixture must stay as it is.
    func legacyLedger(_ bin: AdledgerBinary) throws -> String {
        let source = AdledgerBinary.repository.appendingPathComponent("Fixtures/legacy/v1-demo.sqlite")
        let copy = bin.path("v1.sqlite")
        try FileManager.default.copyItem(atPath: source.path, toPath: copy)
        return copy
    }

    func query(_ bin: AdledgerBinary, _ db: String, _ sql: String) throws -> [[String: Any]] {
        let result = try bin.run(["--db", db, "query", sql, "--format", "json"])
        try #require(result.status == 0, "\(result.stderr)")
        return try AdledgerBinary.json(result.stdout)
    }

    @Test func rebuildUpgradesEveryStoredVersionThenASyncAddsV2Versions() throws {
        let bin = try AdledgerBinary()
        let db = try legacyLedger(bin)

        // 1. The dry run names the new columns of both tables, says ThruPlay stays NULL, and changes nothing.
        let dry = try bin.run(["--db", db, "rebuild", "--dry-run"])
        #expect(dry.status == 0, "\(dry.stderr)")
        let lines = dry.stdout.split(separator: "\n").map(String.init)
        for table in ["meta_ads_performance", "meta_ads_performance_history"] {
            let line = try #require(lines.first { $0.hasPrefix("\(table):") }, "\(dry.stdout)")
            let added = Self.newColumns + (table == "meta_ads_performance" ? Self.objectColumns : [])
            #expect(line.hasSuffix("; new columns: " + added.joined(separator: ", ")), "\(line)")
            #expect(line.contains("landing_page_views ×"), "\(line)")
            #expect(!line.contains("video_thruplays ×"), "\(line)")  // NULL before and after
        }
        #expect(lines.contains { $0.hasPrefix("normalizer 1 → 2:") }, "\(dry.stdout)")
        #expect(
            lines.contains {
                $0.hasPrefix("note: meta_ads_performance_history.video_thruplays is NULL in all 744 rows")
                    && $0.contains("video_thruplay_watched_actions")
            }, "\(dry.stdout)")
        #expect(!lines.contains { $0.contains(".landing_page_views is NULL") })
        let json = try bin.run(["--db", db, "rebuild", "--dry-run", "--format", "json"])
        let report = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect(report["previous_normalizer_version"] as? Int == 1)
        #expect(report["normalizer_version"] as? Int == 2)
        let projections = try #require(report["projections"] as? [[String: Any]])
        let performance = try #require(projections.first { $0["table"] as? String == "meta_ads_performance" })
        #expect(performance["added_columns"] as? [String] == Self.newColumns + Self.objectColumns)
        #expect(projections.first { $0["table"] as? String == "meta_campaigns" }?["added_columns"] as? [String] == [])
        // Columns no v1 payload can fill get a note each (the v1 stand-in sent no checkouts or content views);
        // columns every payload fills get none.
        let notes = try #require(report["notes"] as? [String])
        let empty = notes.compactMap { $0.split(separator: " ").first.map(String.init) }
        let unfilled = [
            "initiate_checkouts", "content_views", "cost_per_initiate_checkout", "video_thruplays", "hold_rate",
        ]
        for table in ["meta_ads_performance", "meta_ads_performance_history"] {
            #expect(
                empty.filter { $0.hasPrefix(table + ".") }.map { String($0.dropFirst(table.count + 1)) }
                    == unfilled + (table == "meta_ads_performance" ? ["ad_status", "is_video"] : []), "\(notes)")
        }
        #expect(
            try query(bin, db, "SELECT count(hook_rate) AS n FROM meta_ads_performance_history")[0]["n"] as? Int == 0)

        // 2. The rebuild: every stored version gets its v2 values from its own raw payload.
        let rebuilt = try bin.run(["--db", db, "rebuild"])
        #expect(rebuilt.status == 0, "\(rebuilt.stderr)")
        let counts = try query(
            bin, db,
            """
            SELECT count(*) AS versions, count(landing_page_views) AS lpv, count(video_3s_views) AS v3s,
                count(hook_rate) AS hook, count(cpc) AS cpc, count(video_thruplays) AS thruplays,
                count(hold_rate) AS hold, sum(attribution = '7d_click,1d_view') AS attribution
            FROM meta_ads_performance_history
            """)[0]
        #expect(counts["versions"] as? Int == 744)
        for key in ["lpv", "v3s", "hook", "cpc", "attribution"] { #expect(counts[key] as? Int == 744, "\(key)") }
        #expect(counts["thruplays"] as? Int == 0)
        #expect(counts["hold"] as? Int == 0)
        // By value, against each version's own stored actions (its payload, one seq away) and numbers.
        let mismatches = try query(
            bin, db,
            """
            SELECT count(*) AS n FROM meta_ads_performance_history h
            WHERE landing_page_views IS NOT (SELECT CAST(json_extract(a.value, '$.value') AS INTEGER)
                    FROM json_each(adledger_payload(h.seq) -> '$.row.actions') a WHERE json_extract(a.value, '$.action_type') = 'landing_page_view')
               OR video_3s_views IS NOT (SELECT CAST(json_extract(a.value, '$.value') AS INTEGER)
                    FROM json_each(adledger_payload(h.seq) -> '$.row.actions') a WHERE json_extract(a.value, '$.action_type') = 'video_view')
               OR abs(hook_rate - CAST(video_3s_views AS REAL) / impressions) > 1e-9
               OR abs(cpc - spend / clicks) > 1e-5
            """)
        #expect(mismatches[0]["n"] as? Int == 0)
        let verify = try bin.run(["--db", db, "verify"])
        #expect(verify.status == 0, "\(verify.stdout)\(verify.stderr)")
        let again = try bin.run(["--db", db, "rebuild", "--dry-run"])
        #expect(again.stdout.contains("meta_ads_performance: no changes\n"), "\(again.stdout)")
        #expect(!again.stdout.contains("new columns"))

        // 3. A sync from the stand-in (which serves ThruPlays now) adds v2-era versions; history shows both eras.
        let server = GraphStandIn(
            token: Self.token,
            accounts: [
                StandInAccount(
                    id: "1000000001", name: "Wild Pines US", currency: "USD", timezoneName: "America/Los_Angeles",
                    adCount: 24, campaignCount: 3, firstDay: "2025-12-01", dayCount: 14)
            ])
        try server.start()
        defer { server.stop() }
        let sync = try bin.run(
            ["--db", db, "sync", "--account", "act_1000000001", "--since", "2025-12-01", "--until", "2025-12-14"],
            extraEnvironment: [
                "META_GRAPH_API_TOKEN": Self.token, "META_GRAPH_BASE_URL": server.baseURL,
                "ADLEDGER_NOW": "2025-12-20T12:00:00Z", "ADLEDGER_INSTANT_WAITS": "1",
            ])
        #expect(sync.status == 0, "\(sync.stderr)")
        let history = try bin.run(["--db", db, "history", "23800000100001", "--date", "2025-12-01", "--format", "json"])
        #expect(history.status == 0, "\(history.stderr)")
        let versions = try AdledgerBinary.json(history.stdout)
        try #require(versions.count == 2, "\(history.stdout)")
        #expect(versions[0]["video_thruplays"] as? String == "")
        #expect(versions[0]["valid_from"] as? String == "2025-12-15T06:00:00.000Z")
        #expect(versions[1]["valid_from"] as? String == "2025-12-20T12:00:00.000Z")
        let thruplays = try #require(Int(versions[1]["video_thruplays"] as? String ?? ""))
        #expect(thruplays > 0)
        #expect(versions[1]["attribution"] as? String == "7d_click,1d_view")
        #expect((versions[1]["changed"] as? String)?.contains("video_thruplays") == true)
        let after = try bin.run(["--db", db, "verify"])
        #expect(after.status == 0, "\(after.stdout)\(after.stderr)")
    }
}
