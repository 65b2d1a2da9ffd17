import ArgumentParser
import Foundation
import Ledger

extension Adledger {
    struct Demo: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Build a demo ledger from the bundled fixtures (no token, no network), then show what to try.")
        @OptionGroup var global: GlobalOptions

        static let defaultPath = "adledger-demo.sqlite"

        func run() throws {
            let path = global.databasePath ?? Self.defaultPath
            let fixtures = try FixtureLocator.directory("demo")
            try Self.prepare(path: path, explicit: global.databasePath != nil)
            func ledger(at time: String) throws -> Ledger {
                let date = ISO8601DateFormatter().date(from: time) ?? Date()
                return try Ledger(path: path, clock: { date })
            }
            let setup = try ledger(at: "2025-12-15T05:55:00Z")
            _ = try setup.linkBrand("WP", account: "act_1000000001", name: "Wild Pines US", primary: true)
            _ = try setup.linkBrand("WP", account: "act_1000000002", name: "Wild Pines JP", primary: false)
            let creatives = try setup.importCreatives(file: fixtures.appendingPathComponent("creatives.csv").path, skipBad: false)
            print("registered \(creatives.new) creatives")
            for (fetch, time) in [("fetch1", "2025-12-15T06:00:00Z"), ("fetch2", "2025-12-16T06:00:00Z")] {
                let files = ["act_1000000001", "act_1000000002"].map {
                    fixtures.appendingPathComponent("\($0)-\(fetch).json").path
                }
                let summary = try ledger(at: time).ingest(files: files, account: nil)
                let c = summary.counts
                print("\(time) fetch: \(c.rows) rows — \(c.new) new, \(c.changed) restated, \(c.unchanged) unchanged")
            }
            let linked = try ledger(at: "2025-12-16T06:05:00Z").autoLink(actor: MappingActor("demo"))
            print("auto-linked \(linked) Meta ads to their creatives")
            print(
                """

                Demo ledger: \(path)
                Try:
                  adledger --db \(path) status
                  adledger --db \(path) query "SELECT date, ad_name, spend, purchases, revisions FROM meta_ads_performance WHERE revisions > 1 LIMIT 5"
                  adledger --db \(path) history 23850000000000000 --date 2025-12-12
                  adledger --db \(path) query "SELECT date, purchases FROM meta_ads_performance WHERE meta_ad_id = '23850000000000000' AND date >= '2025-12-12'" --as-of 2025-12-15T12:00:00Z
                  adledger --db \(path) match suggest
                  adledger --db \(path) report --by concept
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
