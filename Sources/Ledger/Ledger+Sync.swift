import Foundation
import JSON

extension Ledger {
    /// Records `sync.started` with the run's accounts, range and request context.
    package func startSync(runId: String, context: JSONValue) throws(LedgerError) {
        try write { (writer: LedgerWriter) throws(LedgerError) in
            var members = context.objectMembers ?? []
            members.insert(("run_id", .string(runId)), at: 0)
            try writer.record(NewEvent(kind: .syncStarted, stream: "sync:\(runId)", payload: .object(members)))
        }
    }

    /// Records `sync.finished` with counts and outcome, then refreshes suggestions.
    package func finishSync(runId: String, summary: JSONValue) throws(LedgerError) {
        try write { (writer: LedgerWriter) throws(LedgerError) in
            var members = summary.objectMembers ?? []
            members.insert(("run_id", .string(runId)), at: 0)
            try writer.record(NewEvent(kind: .syncFinished, stream: "sync:\(runId)", payload: .object(members)))
        }
        try refreshSuggestionsIfStale()
    }

    /// Records the account object (`account.fetched`) when it changed; returns its time zone.
    package func recordAccount(_ object: JSONValue, accountId: String) throws(LedgerError) -> String? {
        try write { (writer: LedgerWriter) throws(LedgerError) in
            _ = try writer.recordIfChanged(NewEvent(kind: .accountFetched, stream: "account:\(accountId)", payload: object))
        }
        return try connection.scalar("SELECT timezone_name FROM meta_ad_accounts WHERE id = ?", [.text(accountId)])?.text
    }

    /// Records one page of campaigns (`campaign.fetched` for each new or changed one) in one transaction.
    package func recordCampaigns(_ rows: [JSONValue], accountId: String) throws(LedgerError) -> Int {
        try write { (writer: LedgerWriter) throws(LedgerError) -> Int in
            var changed = 0
            for row in rows {
                guard let id = row["id"]?.scalarText else { continue }
                let event = NewEvent(
                    kind: .campaignFetched, stream: "campaign:\(id)",
                    payload: .object([("account_id", .string(accountId)), ("campaign", row)]))
                if try writer.recordIfChanged(event) != nil { changed += 1 }
            }
            return changed
        }
    }

    /// Appends one page of insight rows with their projection updates in one transaction. Returns the counts
    /// and the ad-days the page returned (`meta_ad_id|date`), for vanish detection at the chunk's end.
    package func appendInsightPage(_ rows: [JSONValue], accountId: String, runId: String, locator: String)
        throws(LedgerError) -> (AppendCounts, [String])
    {
        try write { (writer: LedgerWriter) throws(LedgerError) -> (AppendCounts, [String]) in
            var counts = AppendCounts()
            var returned: [String] = []
            for (i, row) in rows.enumerated() {
                let identity = try InsightRow(row, account: accountId, locator: "\(locator) row \(i + 1)")
                counts.add(try appendInsight(row, identity: identity, runId: runId, writer: writer))
                returned.append("\(identity.adId)|\(identity.date)")
            }
            return (counts, returned)
        }
    }

    /// Closes a chunk: every ad-day of the account in the range that the fetch did not return gets
    /// `insight.vanished` (its row keeps its values), then `sync.chunk_completed` moves `fetched_at` of the
    /// rest. One transaction.
    package func completeChunk(_ chunk: SyncChunk, runId: String, returned: Set<String>, counts: AppendCounts)
        throws(LedgerError) -> Int
    {
        try write { (writer: LedgerWriter) throws(LedgerError) -> Int in
            let present = try connection.rows(
                """
                SELECT meta_ad_id, date FROM meta_ads_performance
                WHERE meta_ad_account_id = ? AND date BETWEEN ? AND ? AND vanished_at IS NULL ORDER BY meta_ad_id, date
                """, [.text(chunk.accountId), .text(chunk.since), .text(chunk.until)])
            var vanished = 0
            for row in present {
                guard let ad = row[0].text, let date = row[1].text, !returned.contains("\(ad)|\(date)") else { continue }
                try writer.record(
                    NewEvent(
                        kind: .insightVanished, stream: "ad:\(ad):\(date)",
                        payload: .object([
                            ("account_id", .string(chunk.accountId)), ("meta_ad_id", .string(ad)), ("date", .string(date)),
                        ]), meta: .object([("run_id", .string(runId))])))
                vanished += 1
            }
            let chunkCounts = (counts.json.objectMembers ?? []) + [("vanished", .number(String(vanished)))]
            try writer.record(
                NewEvent(
                    kind: .syncChunkCompleted, stream: "sync:\(runId)",
                    payload: .object([
                        ("run_id", .string(runId)), ("account_id", .string(chunk.accountId)),
                        ("since", .string(chunk.since)), ("until", .string(chunk.until)),
                        ("fetched_at", .string(writer.now)), ("counts", .object(chunkCounts)),
                    ]), schemaVersion: Upcaster.currentVersion(of: .syncChunkCompleted)))
            return vanished
        }
    }

    /// Chunks completed by syncs that never finished (killed or crashed) since `after`: a re-run skips them.
    package func unfinishedChunks(after: String) throws(LedgerError) -> Set<SyncChunk> {
        let rows = try payloadRows(
            """
            SELECT e.seq, p.encoding, p.dictionary_id, p.body
            FROM events e JOIN payloads p ON p.hash = e.payload_hash
            WHERE e.kind = 'sync.chunk_completed' AND e.recorded_at >= ?
              AND NOT EXISTS (SELECT 1 FROM events f WHERE f.kind = 'sync.finished' AND f.stream = e.stream)
            """, [.text(after)])
        return Set(rows.compactMap { payload, _ in
            guard let account = payload["account_id"]?.stringValue, let since = payload["since"]?.stringValue,
                let until = payload["until"]?.stringValue
            else { return nil }
            return SyncChunk(accountId: account, since: since, until: until)
        })
    }

    /// The latest day the ledger holds for an account, or nil.
    package func lastCoveredDate(accountId: String) throws(LedgerError) -> String? {
        try connection.scalar("SELECT max(date) FROM meta_ads_performance WHERE meta_ad_account_id = ?", [.text(accountId)])?
            .text
    }
}
