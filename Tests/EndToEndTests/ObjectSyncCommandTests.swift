import Foundation
import TestSupport
import Testing

/// `sync` reads ad sets, ads and ad creatives through the same client as insights: the projections equal the
/// stand-in's objects, an unchanged object appends nothing, a status change appends one event and one status
/// history row, and the requests stay at the minimum.
@Suite struct ObjectSyncCommandTests {
    static let token = "EAAobjectsTOKEN000000000000"

    func standIn() throws -> GraphStandIn {
        let server = GraphStandIn(
            token: Self.token,
            accounts: [
                StandInAccount(
                    id: "4001", name: "Objects US", currency: "USD", adCount: 15, campaignCount: 3, dayCount: 3),
                StandInAccount(
                    id: "4002", name: "Objects JP", currency: "JPY", timezoneName: "Asia/Tokyo", adCount: 4,
                    campaignCount: 2, dayCount: 3),
            ])
        try server.start()
        return server
    }

    func sync(_ bin: AdledgerBinary, _ server: GraphStandIn, at now: String) throws -> AdledgerBinary.Result {
        try bin.run(
            [
                "--db", "l.sqlite", "sync", "--account", "act_4001", "--account", "act_4002", "--since", "2025-12-01",
                "--until", "2025-12-03", "--json",
            ],
            extraEnvironment: [
                "META_GRAPH_API_TOKEN": Self.token, "META_GRAPH_BASE_URL": server.baseURL, "ADLEDGER_NOW": now,
                "ADLEDGER_INSTANT_WAITS": "1",
            ])
    }

    func query(_ bin: AdledgerBinary, _ sql: String, asOf: String? = nil) throws -> [[String: Any]] {
        let result = try bin.run(
            ["--db", "l.sqlite", "query", sql, "--format", "json"] + (asOf.map { ["--as-of", $0] } ?? []))
        try #require(result.status == 0, "\(result.stderr)")
        return try AdledgerBinary.json(result.stdout)
    }

    func objects(_ server: GraphStandIn, _ edge: String, _ account: String) throws -> [[String: Any]] {
        try server.objects(edge, accountId: account).map {
            try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
        }
    }

    /// Each row of a projection (one account's, by id) beside the stand-in's object it should equal.
    func pairs(
        _ bin: AdledgerBinary, _ server: GraphStandIn, table: String, key: String, edge: String, account: String
    ) throws -> [([String: Any], [String: Any])] {
        let rows = try query(bin, "SELECT * FROM \(table) WHERE meta_ad_account_id = '\(account)' ORDER BY \(key)")
        let served = try objects(server, edge, account)
        try #require(rows.count == served.count, "\(table) of \(account)")
        return Array(zip(rows, served))
    }

    func count(_ bin: AdledgerBinary, kind: String) throws -> Int {
        try query(bin, "SELECT count(*) AS n FROM events WHERE kind = '\(kind)'")[0]["n"] as? Int ?? -1
    }

    @Test func projectionsEqualTheStandInsObjectsAndAStatusChangeIsOneEvent() throws {
        let bin = try AdledgerBinary()
        let server = try standIn()
        defer { server.stop() }
        let first = try sync(bin, server, at: "2025-12-08T12:00:00Z")
        #expect(first.status == 0, "\(first.stderr)")

        // Requests: the insights plus exactly one page per object edge, account and campaigns per account, and
        // one debug_token check of the token's expiry per sync.
        let requests = server.requests
        let insights = requests.filter { $0.path.hasSuffix("/insights") }.count
        for account in ["act_4001", "act_4002"] {
            for edge in ["adsets", "ads", "adcreatives", "campaigns"] {
                #expect(requests.filter { $0.path.hasSuffix("\(account)/\(edge)") }.count == 1, "\(account)/\(edge)")
            }
        }
        #expect(requests.count == insights + 2 * 5 + 1, "\(requests.map(\.path))")
        #expect(requests.filter { $0.path.hasSuffix("/debug_token") }.count == 1)
        #expect(
            requests.filter { $0.path.hasSuffix("/ads") }.allSatisfy {
                $0.parameters["filtering"]?.contains("DELETED") == true
                    && $0.parameters["filtering"]?.contains("ARCHIVED") == true
            })

        for (account, offset) in [("act_4001", 100.0), ("act_4002", 1.0)] {
            // Ads.
            for (row, ad) in try pairs(bin, server, table: "meta_ads", key: "meta_ad_id", edge: "ads", account: account)
            {
                #expect(row["meta_ad_id"] as? String == ad["id"] as? String)
                #expect(row["name"] as? String == ad["name"] as? String)
                #expect(row["meta_adset_id"] as? String == ad["adset_id"] as? String)
                #expect(row["meta_campaign_id"] as? String == ad["campaign_id"] as? String)
                #expect(row["effective_status"] as? String == ad["effective_status"] as? String)
                #expect(row["configured_status"] as? String == ad["configured_status"] as? String)
                #expect(row["meta_creative_id"] as? String == (ad["creative"] as? [String: Any])?["id"] as? String)
                #expect(row["created_time"] as? String == ad["created_time"] as? String)
                #expect(row["updated_time"] as? String == ad["updated_time"] as? String)
            }
            // Ad sets, budgets in major units (JPY has no minor unit).
            for (row, adset) in try pairs(
                bin, server, table: "meta_adsets", key: "meta_adset_id", edge: "adsets", account: account)
            {
                #expect(row["meta_adset_id"] as? String == adset["id"] as? String)
                #expect(row["meta_campaign_id"] as? String == adset["campaign_id"] as? String)
                let budget = try #require(Double(adset["daily_budget"] as? String ?? ""))
                #expect((row["daily_budget"] as? NSNumber)?.doubleValue == budget / offset)
                #expect((row["lifetime_budget"] as? NSNumber)?.doubleValue == 0)
                for key in ["name", "status", "effective_status", "optimization_goal", "billing_event", "bid_strategy"]
                {
                    #expect(row[key] as? String == adset[key] as? String, "\(key)")
                }
            }
            // Creatives, with the link from the story spec or the asset feed, NULL with neither.
            for (row, creative) in try pairs(
                bin, server, table: "meta_ad_creatives", key: "meta_creative_id", edge: "adcreatives", account: account)
            {
                #expect(row["meta_creative_id"] as? String == creative["id"] as? String)
                for key in [
                    "name", "object_type", "video_id", "image_hash", "thumbnail_url", "title", "body",
                    "call_to_action_type",
                ] {
                    #expect(row[key] as? String == creative[key] as? String, "\(key)")
                }
                let story = creative["object_story_spec"] as? [String: Any]
                let video = story?["video_data"] as? [String: Any]
                let feed = (creative["asset_feed_spec"] as? [String: Any])?["link_urls"] as? [[String: Any]]
                let link =
                    (story?["link_data"] as? [String: Any])?["link"] as? String
                    ?? (((video?["call_to_action"] as? [String: Any])?["value"] as? [String: Any])?["link"] as? String)
                    ?? feed?.first?["website_url"] as? String
                #expect(row["link_url"] as? String == link)
            }
        }
        #expect(
            try query(bin, "SELECT count(*) AS n FROM meta_ad_creatives WHERE link_url IS NULL")[0]["n"] as? Int == 2)
        // What performance rows learn from the objects.
        let performance = try query(
            bin,
            """
            SELECT count(*) AS n, sum(p.ad_status IS a.effective_status) AS status,
                sum(p.is_video = (c.object_type = 'VIDEO')) AS video, sum(p.campaign_objective = 'OUTCOME_SALES') AS objective
            FROM meta_ads_performance p JOIN meta_ads a USING (meta_ad_id)
            JOIN meta_ad_creatives c ON c.meta_creative_id = a.meta_creative_id
            """)[0]
        #expect(performance["n"] as? Int == (15 + 4) * 3)
        for key in ["status", "video", "objective"] { #expect(performance[key] as? Int == (15 + 4) * 3, "\(key)") }

        // An unchanged re-read appends no object event.
        let adEvents = try count(bin, kind: "ad.fetched")
        #expect(adEvents == 19)
        #expect(try count(bin, kind: "adset.fetched") == 5)
        #expect(try count(bin, kind: "adcreative.fetched") == 19)
        #expect(try sync(bin, server, at: "2025-12-09T12:00:00Z").status == 0)
        #expect(try count(bin, kind: "ad.fetched") == adEvents)
        #expect(try count(bin, kind: "adcreative.fetched") == 19)

        // Pausing one ad: one new event, one new status history row.
        let adId = "23800400100002"
        server.setAdStatus(accountId: "4001", adIndex: 1, "PAUSED")
        #expect(try sync(bin, server, at: "2025-12-10T12:00:00Z").status == 0)
        #expect(try count(bin, kind: "ad.fetched") == adEvents + 1)
        let history = try query(
            bin, "SELECT * FROM meta_ad_status_history WHERE meta_ad_id = '\(adId)' ORDER BY valid_from")
        try #require(history.count == 2, "\(history)")
        #expect(history[0]["effective_status"] as? String == "ACTIVE")
        #expect(history[0]["valid_from"] as? String == "2025-12-08T12:00:00.000Z")
        #expect(history[0]["valid_to"] as? String == "2025-12-10T12:00:00.000Z")
        #expect(history[1]["effective_status"] as? String == "PAUSED")
        #expect(history[1]["valid_to"] == nil || history[1]["valid_to"] is NSNull)
        #expect(try query(bin, "SELECT count(*) AS n FROM meta_ad_status_history")[0]["n"] as? Int == 20)
        #expect(
            try query(bin, "SELECT DISTINCT ad_status FROM meta_ads_performance WHERE meta_ad_id = '\(adId)'")
                .map { $0["ad_status"] as? String } == ["PAUSED"])
        // As of before the change, every projection says ACTIVE again.
        let before = "2025-12-09T13:00:00Z"
        #expect(
            try query(bin, "SELECT effective_status FROM meta_ads WHERE meta_ad_id = '\(adId)'", asOf: before)
                .map { $0["effective_status"] as? String } == ["ACTIVE"])
        #expect(
            try query(
                bin, "SELECT DISTINCT ad_status FROM meta_ads_performance WHERE meta_ad_id = '\(adId)'", asOf: before
            )
            .map { $0["ad_status"] as? String } == ["ACTIVE"])
        #expect(
            try query(
                bin, "SELECT count(*) AS n FROM meta_ad_status_history WHERE meta_ad_id = '\(adId)'", asOf: before)[0][
                    "n"] as? Int == 1)
        let verify = try bin.run(["--db", "l.sqlite", "verify"])
        #expect(verify.status == 0, "\(verify.stdout)")
        #expect(
            try bin.run(["--db", "l.sqlite", "rebuild", "--dry-run"]).stdout.contains(
                "meta_ad_status_changes: no changes"))
    }

    /// A creatives page that is not JSON is an error: it is retried, then reported, and the rest of the sync
    /// (ads, insights) still runs.
    @Test func aCreativesPageThatIsNotJSONIsAnError() throws {
        let bin = try AdledgerBinary()
        let server = try standIn()
        defer { server.stop() }
        server.inject(.html, on: .path("/adcreatives"), times: 100)
        let result = try sync(bin, server, at: "2025-12-08T12:00:00Z")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("adcreatives not read"), "\(result.stdout)")
        #expect(try count(bin, kind: "adcreative.fetched") == 0)
        #expect(try count(bin, kind: "ad.fetched") == 19)
        #expect(try query(bin, "SELECT count(*) AS n FROM meta_ads_performance")[0]["n"] as? Int == 57)
        #expect(
            try query(bin, "SELECT count(*) AS n FROM meta_ads_performance WHERE is_video IS NULL")[0]["n"] as? Int
                == 57)
    }
}
