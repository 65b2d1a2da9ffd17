import Foundation
import Ledger
import MetaGraph

/// The demo ledger: brand WP linked to two accounts, the cassette's creatives registered, two recorded syncs
/// replayed through the real sync code (the second finds Meta restated recent days), then every exact match
/// linked. Each step runs at a fixed time and the accounts sync one after the other, so every build of the
/// demo holds the same projections.
public enum DemoLedger {
    /// What the build did, for the caller to print.
    public struct Report: Sendable {
        /// Generated creatives registered from the cassette's `creatives.csv`.
        public let creatives: Int
        /// Each replayed sync: the time it ran at (ISO 8601) and its summary.
        public let syncs: [(time: String, summary: SyncSummary)]
        /// Meta ads linked to their creatives by `match auto`.
        public let autoLinked: Int
        /// An ad-day Meta restated, for the examples: (meta_ad_id, date).
        public let restatedAd: (adId: String, date: String)?
    }

    /// Builds the demo into the new ledger at `path` from `cassette` (`Fixtures/demo-cassette`).
    public static func build(path: String, cassette: URL) throws -> Report {
        let setup = try Ledger(path: path, clock: at("2025-12-15T05:55:00Z"))
        _ = try setup.linkBrand("WP", account: "act_1000000001", name: "Wild Pines US", primary: true)
        _ = try setup.linkBrand("WP", account: "act_1000000002", name: "Wild Pines JP", primary: false)
        let creatives = try setup.importCreatives(
            file: cassette.appendingPathComponent("creatives.csv").path, skipBad: false)
        var syncs: [(time: String, summary: SyncSummary)] = []
        for (name, time) in [("sync1", "2025-12-15T06:00:00Z"), ("sync2", "2025-12-16T06:00:00Z")] {
            var request = SyncRequest(
                accounts: ["act_1000000001", "act_1000000002"], graph: try GraphConfiguration(token: "replay"))
            request.since = "2025-12-01"
            request.until = "2025-12-14"
            request.source = .replay(directory: cassette.appendingPathComponent(name).path)
            request.concurrency = 1  // one request at a time: the same event order on every build
            syncs.append((time, try SyncRunner(ledgerPath: path, now: at(time)).run(request)))
        }
        let linked = try Ledger(path: path, clock: at("2025-12-16T06:05:00Z")).autoLink(actor: MappingActor("demo"))
        let example = try LedgerReader(path: path).exampleRestatedAd()
        return Report(
            creatives: creatives.new, syncs: syncs, autoLinked: linked,
            restatedAd: example.map { (adId: $0.0, date: $0.1) })
    }

    /// A clock stopped at `time`.
    private static func at(_ time: String) -> @Sendable () -> Date {
        let date = ISO8601DateFormatter().date(from: time) ?? Date(timeIntervalSince1970: 0)
        return { date }
    }
}
