import Foundation
import TestSupport

/// A ledger with many insight events, made fast by `ingest` of generated Graph pages (no HTTP).
enum BigLedger {
    static func ingest(into db: String, ws: Workspace, ads: Int, days: Int) throws {
        let standIn = GraphStandIn(
            token: "unused",
            accounts: [
                StandInAccount(id: "3001", name: "Big US", adCount: ads, campaignCount: 5, firstDay: "2025-10-01", dayCount: days),
                StandInAccount(id: "3002", name: "Big JP", currency: "JPY", adCount: ads, campaignCount: 5, firstDay: "2025-10-01", dayCount: days),
            ])
        for account in ["3001", "3002"] {
            let rows = standIn.insightRows(accountId: account, since: "2025-10-01", until: "2025-12-31")
            var lines = ""
            for page in stride(from: 0, to: rows.count, by: 500) {
                lines += "{\"data\":[" + rows[page..<min(rows.count, page + 500)].map { $0.json(fields: nil) }.joined(separator: ",") + "]}\n"
            }
            let file = ws.path("big-\(account).jsonl")
            try lines.write(toFile: file, atomically: false, encoding: .utf8)
            let ingested = try ws.run(["--db", db, "ingest", file, "--account", "act_\(account)"], timeout: 600)
            guard ingested.ok else { throw CampaignError.setup("ingest of the big ledger failed: \(ingested.summary)") }
            try? FileManager.default.removeItem(atPath: file)
        }
    }
}
