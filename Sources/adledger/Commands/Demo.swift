import ArgumentParser
import Foundation
import Sync

extension Adledger {
    struct Demo: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Build a demo ledger from the bundled fixtures (no token, no network), then show what to try.")
        @OptionGroup var global: GlobalOptions

        static let defaultPath = "adledger-demo.sqlite"

        func run() throws {
            let path = global.databasePath ?? Self.defaultPath
            let cassette = try FixtureLocator.directory("demo-cassette")
            try Self.prepare(path: path, explicit: global.databasePath != nil)
            let demo = try DemoLedger.build(path: path, cassette: cassette)
            print("registered \(demo.creatives) generated creatives")
            for (time, summary) in demo.syncs { print("\(time) \(summary.line)") }
            print("auto-linked \(demo.autoLinked) Meta ads to their creatives")
            let ad = demo.restatedAd ?? (adId: "<META_AD_ID>", date: "2025-12-12")
            print(
                """

                Demo ledger: \(path)
                Try:
                  adledger --db \(path) status
                  adledger --db \(path) query "SELECT date, ad_name, spend, purchases, revisions FROM meta_ads_performance WHERE revisions > 1 LIMIT 5"
                  adledger --db \(path) history \(ad.adId) --date \(ad.date)
                  adledger --db \(path) query "SELECT date, purchases, revisions FROM meta_ads_performance WHERE meta_ad_id = '\(ad.adId)' AND date >= '2025-12-10'" --as-of 2025-12-15T12:00:00Z
                  adledger --db \(path) query "SELECT meta_ad_id, effective_status, valid_from, valid_to FROM meta_ad_status_history WHERE meta_ad_id IN (SELECT meta_ad_id FROM meta_ad_status_history WHERE valid_to IS NOT NULL)"
                  adledger --db \(path) query "SELECT ad_name, sum(video_3s_views) * 1.0 / sum(impressions) AS hook_rate, sum(video_thruplays) * 1.0 / sum(video_3s_views) AS hold_rate FROM meta_ads_performance WHERE is_video = 1 GROUP BY ad_name ORDER BY hook_rate DESC LIMIT 5"
                  adledger --db \(path) match suggest
                  adledger --db \(path) report --by concept
                  adledger --db \(path) shell
                  adledger --db \(path) rebuild --dry-run
                  adledger --db \(path) verify
                """)
        }

        /// The demo writes a fresh ledger: the default demo file is replaced; an explicit --db must be new.
        static func prepare(path: String, explicit: Bool) throws {
            let manager = FileManager.default
            guard manager.fileExists(atPath: path) else { return }
            guard !explicit else {
                throw ValidationError("\(path) already exists; the demo builds a new ledger — pass a new --db PATH")
            }
            for suffix in ["", "-wal", "-shm"] where manager.fileExists(atPath: path + suffix) {
                try manager.removeItem(atPath: path + suffix)
            }
        }
    }
}
