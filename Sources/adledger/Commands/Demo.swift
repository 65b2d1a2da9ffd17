import ArgumentParser
import Foundation
import Ledger
import MetaGraph
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
            func at(_ time: String) -> @Sendable () -> Date {
                let date = ISO8601DateFormatter().date(from: time) ?? Date()
                return { date }
            }
            let setup = try Ledger(path: path, clock: at("2025-12-15T05:55:00Z"))
            _ = try setup.linkBrand("WP", account: "act_1000000001", name: "Wild Pines US", primary: true)
            _ = try setup.linkBrand("WP", account: "act_1000000002", name: "Wild Pines JP", primary: false)
            let creatives = try setup.importCreatives(
                file: cassette.appendingPathComponent("creatives.csv").path, skipBad: false)
            print("registered \(creatives.new) generated creatives")
            // Two recorded syncs replayed through the real sync code: the second finds Meta restated recent days.
            for (name, time) in [("sync1", "2025-12-15T06:00:00Z"), ("sync2", "2025-12-16T06:00:00Z")] {
                var request = SyncRequest(
                    accounts: ["act_1000000001", "act_1000000002"], graph: try GraphConfiguration(token: "replay"))
                request.since = "2025-12-01"
                request.until = "2025-12-14"
                request.source = .replay(directory: cassette.appendingPathComponent(name).path)
                request.maxConcurrentAccounts = 1  // one account after the other: the same event order on every run
                let summary = try SyncRunner(ledgerPath: path, now: at(time)).run(request)
                print("\(time) \(summary.line)")
            }
            let linked = try Ledger(path: path, clock: at("2025-12-16T06:05:00Z")).autoLink(actor: MappingActor("demo"))
            print("auto-linked \(linked) Meta ads to their creatives")
            let ad = try Ledger(path: path, readOnly: true).exampleRestatedAd() ?? ("<META_AD_ID>", "2025-12-12")
            print(
                """

                Demo ledger: \(path)
                Try:
                  adledger --db \(path) status
                  adledger --db \(path) query "SELECT date, ad_name, spend, purchases, revisions FROM meta_ads_performance WHERE revisions > 1 LIMIT 5"
                  adledger --db \(path) history \(ad.0) --date \(ad.1)
                  adledger --db \(path) query "SELECT date, purchases, revisions FROM meta_ads_performance WHERE meta_ad_id = '\(ad.0)' AND date >= '2025-12-10'" --as-of 2025-12-15T12:00:00Z
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
