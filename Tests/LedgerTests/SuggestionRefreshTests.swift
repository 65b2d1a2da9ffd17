import Foundation
import Matching
import Sync
import Testing

@testable import Ledger

/// `match_suggestions` after an ingest: only the rows of the ads the ingest wrote are recomputed when nothing else
/// it depends on changed, and the table always holds what a whole recompute gives.
@Suite struct SuggestionRefreshTests {
    /// A page of one row per (ad, name), on `date`, in account 42.
    private static func page(_ ads: [(id: String, name: String)], date: String = "2025-12-01") -> String {
        let rows = ads.map { ad in
            """
            {"account_id":"42","ad_id":"\(ad.id)","ad_name":"\(ad.name)","campaign_id":"9","adset_id":"8",\
            "date_start":"\(date)","date_stop":"\(date)","spend":"1.00","impressions":"100"}
            """
        }
        return #"{"data":["# + rows.joined(separator: ",") + "]}"
    }

    /// The suggestions as `suggestions` lists them, one line each.
    private static func listed(_ ledger: Ledger) throws -> [String] {
        try ledger.suggestions().map {
            "\($0.metaAdId) \($0.adName ?? "-") \($0.suggestion.generatedAdId ?? "-") \($0.suggestion.kind.rawValue)"
        }
    }

    /// What a whole recompute gives now, on a connection of its own (the ledger under test keeps its state).
    private static func recomputed(_ test: TestLedger) throws -> [String] {
        let fresh = try test.open()
        try fresh.recomputeSuggestions()
        return try listed(fresh)
    }

    @Test func anIngestRecomputesOnlyItsAdsAndGetsWhatAWholeRecomputeGets() throws {
        let test = try TestLedger()
        let ledger = try test.open()
        _ = try ledger.linkBrand("WP", account: "act_42", name: nil, primary: true)
        let creatives = """
            id,brand,filename,concept,format
            a1b2c3d4-0000-4000-8000-000000000001,WP,a1b2c3d4-WP-C1-SQ.png,C1,SQ
            b2c3d4e5-0000-4000-8000-000000000002,WP,b2c3d4e5-WP-C2-SQ.png,C2,SQ
            """
        _ = try ledger.importCreatives(file: try test.file("creatives.csv", creatives), skipBad: false)
        _ = try ledger.suggestions()
        let before = ledger.suggestionRefreshes

        let first = try test.file(
            "first.json", Self.page([("111", "a1b2c3d4 | launch"), ("222", "no id at all"), ("333", "c3d4e5f6 test")]))
        _ = try ledger.ingest(files: [first], account: nil)
        #expect(ledger.suggestionRefreshes.byAd == before.byAd + 1, "the ingest's own ads only")
        #expect(ledger.suggestionRefreshes.whole == before.whole)
        let afterFirst = try Self.listed(ledger)
        #expect(afterFirst.contains("111 a1b2c3d4 | launch a1b2c3d4-0000-4000-8000-000000000001 exact"))
        #expect(afterFirst == (try Self.recomputed(test)))

        // Renamed ads, a newer day, a new ad: the latest name counts.
        let second = try test.file(
            "second.json",
            Self.page([("222", "b2c3d4e5 | relaunch"), ("111", "renamed without an id"), ("444", "b2c3d4e5 twin")],
                date: "2025-12-02"))
        _ = try ledger.ingest(files: [second], account: nil)
        #expect(ledger.suggestionRefreshes.byAd == before.byAd + 2)
        let afterSecond = try Self.listed(ledger)
        #expect(!afterSecond.contains { $0.hasPrefix("111 ") })
        #expect(afterSecond.contains("222 b2c3d4e5 | relaunch b2c3d4e5-0000-4000-8000-000000000002 exact"))
        #expect(afterSecond == (try Self.recomputed(test)))

        // Another process registers a creative the untouched ad 333 names: this ledger did not see that event, so
        // its next refresh recomputes every row.
        let other = try test.open()
        let more = """
            id,brand,filename,concept,format
            c3d4e5f6-0000-4000-8000-000000000003,WP,c3d4e5f6-WP-C3-SQ.png,C3,SQ
            """
        _ = try other.importCreatives(file: try test.file("more.csv", more), skipBad: false)
        let third = try test.file("third.json", Self.page([("444", "b2c3d4e5 twin")], date: "2025-12-03"))
        _ = try ledger.ingest(files: [third], account: nil)
        #expect(ledger.suggestionRefreshes.whole == before.whole + 1)
        let afterThird = try Self.listed(ledger)
        #expect(afterThird.contains("333 c3d4e5f6 test c3d4e5f6-0000-4000-8000-000000000003 exact"))
        #expect(afterThird == (try Self.recomputed(test)))
    }

    /// A ledger whose suggestions were never computed and whose log holds nothing they depend on tracks its first
    /// ingest's ads from the start.
    @Test func aNewLedgersFirstIngestRecomputesOnlyItsAds() throws {
        let test = try TestLedger()
        let ledger = try test.open()
        let page = try test.file("page.json", Self.page([("111", "a1b2c3d4 | launch"), ("222", "plain")]))
        _ = try ledger.ingest(files: [page], account: nil)
        #expect(ledger.suggestionRefreshes.byAd == 1 && ledger.suggestionRefreshes.whole == 0)
        #expect(try Self.listed(ledger) == ["111 a1b2c3d4 | launch - unknown_id"])
        #expect(try Self.listed(ledger) == (try Self.recomputed(test)))
    }
}
