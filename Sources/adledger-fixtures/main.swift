import Foundation
import Ledger
import MetaGraph
import Sync
import TestSupport

// Regenerates Fixtures/demo-cassette/: two syncs recorded against the loopback Graph stand-in through the
// real sync code (a USD and a JPY account with their ad sets, ads and creatives, a throttle, a transient 503,
// Meta restating recent days and pausing one ad before the second sync), and a creatives CSV naming most of the
// ads. Run from the checkout:
//   swift run adledger-fixtures
// The token used here is a throwaway the recorder strips; nothing leaves 127.0.0.1.

let root = URL(fileURLWithPath: FileManager.default.currentDirectoryPath).appendingPathComponent("Fixtures/demo-cassette")
try? FileManager.default.removeItem(at: root)
try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
let token = "EAAdemoRecordingTokenNotReal0000"
let server = GraphStandIn(
    token: token,
    accounts: [
        StandInAccount(
            id: "1000000001", name: "Wild Pines US", currency: "USD", timezoneName: "America/Los_Angeles", adCount: 24,
            campaignCount: 3, firstDay: "2025-12-01", dayCount: 14),
        StandInAccount(
            id: "1000000002", name: "Wild Pines JP", currency: "JPY", timezoneName: "Asia/Tokyo", adCount: 16,
            campaignCount: 2, firstDay: "2025-12-01", dayCount: 14),
    ])
try server.start()
defer { server.stop() }
server.inject(.throttle(code: 80004, regainMinutes: 0), on: .nextPage("insights"), times: 1)
server.inject(.serverError(status: 503), on: .nextPage("insights"), times: 1)

let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("adledger-fixtures-\(getpid()).sqlite")
defer { try? FileManager.default.removeItem(at: scratch) }
var graph = try GraphConfiguration(token: token, baseURL: server.baseURL)
graph.retryBaseDelay = 0.01
graph.throttleBaseDelay = 0.01
for (name, restate) in [("sync1", false), ("sync2", true)] {
    if restate { server.restate(accountId: "1000000001", from: "2025-12-10", revision: 1) }
    if restate { server.restate(accountId: "1000000002", from: "2025-12-11", revision: 1) }
    if restate { server.setAdStatus(accountId: "1000000001", adIndex: 2, "PAUSED") }  // meta_ad_status_history
    var request = SyncRequest(accounts: ["act_1000000001", "act_1000000002"], graph: graph)
    request.since = "2025-12-01"
    request.until = "2025-12-14"
    request.source = .record(directory: root.appendingPathComponent(name).path)
    let summary = try SyncRunner(ledgerPath: scratch.path).run(request)
    print("\(name): \(summary.line)")
}

// Creatives for most ads: their short ids from the ad names, the rest of the UUID made up. A few belong to
// another brand (cross_brand suggestions) and a few ads get none (unknown_id).
let ledger = try LedgerReader(path: scratch.path)
var csv = "id,brand,filename,concept,format,prompt\n"
var index = 0
try ledger.query(
    "SELECT DISTINCT ad_name FROM meta_ads_performance ORDER BY ad_name", columns: { _ in },
    row: { row in
        index += 1
        guard let name = row[0].text, index % 9 != 0 else { return }
        let parts = name.split(separator: "-")
        guard parts.count >= 4 else { return }
        let short = String(parts[0])
        let rest = String(format: "%04x-4%03x-8%03x-%012x", index * 7, index, index * 3, index * 7919)
        let brand = index % 11 == 0 ? "OT" : "WP"
        let concept = String(parts[2])
        let format = String(parts[3])
        csv += "\(short)-\(rest),\(brand),\(short)-\(brand)-\(concept)-\(format).png,\(concept),\(format),\"winter hero, \(concept)\"\n"
    })
try csv.write(to: root.appendingPathComponent("creatives.csv"), atomically: false, encoding: .utf8)
print("wrote \(root.path)")
