import Foundation
import JSON

extension Ledger {
    /// Caps this connection's page cache at `kibibytes` (a sync's writer touches few pages again; the default
    /// cache would grow with every page of the file it writes).
    package func limitPageCache(kibibytes: Int) throws(LedgerError) {
        try connection.execute("PRAGMA cache_size = -\(max(kibibytes, 64))")
    }

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
        try recordObjects(rows, of: .campaign, accountId: accountId)
    }

    /// Records one page of Meta objects (`<kind>.fetched` for each new or changed one, nothing for an unchanged
    /// one) in one transaction, with their projection updates. An object without an `id` cannot be told apart
    /// from another and is skipped; any other object is kept whole, whatever fields it lacks. Returns how many
    /// changed.
    package func recordObjects(_ rows: [JSONValue], of kind: MetaObjectKind, accountId: String)
        throws(LedgerError) -> Int
    {
        try write { (writer: LedgerWriter) throws(LedgerError) -> Int in
            var changed = 0
            for row in rows {
                guard let id = row["id"]?.scalarText, !id.isEmpty else { continue }
                let event = NewEvent(
                    kind: kind.eventKind, stream: "\(kind.streamPrefix):\(id)",
                    payload: .object([("account_id", .string(accountId)), (kind.payloadKey, row)]))
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
            try writer.batchingSummaries { () throws(LedgerError) -> (AppendCounts, [String]) in
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

    /// Records `sync.planned`: one account's plan within run `runId` (its days and chunks, what was asked).
    package func recordPlan(runId: String, accountId: String, plan: JSONValue) throws(LedgerError) {
        try write { (writer: LedgerWriter) throws(LedgerError) in
            var members = plan.objectMembers ?? []
            members.insert(contentsOf: [("run_id", .string(runId)), ("account_id", .string(accountId))], at: 0)
            try writer.record(NewEvent(kind: .syncPlanned, stream: "sync:\(runId)", payload: .object(members)))
        }
    }

    /// The latest `sync.planned` of an account, with its `seq`, or nil when none was recorded.
    package func latestPlan(accountId: String) throws(LedgerError) -> (seq: Int64, plan: JSONValue)? {
        let rows = try payloadRows(
            """
            SELECT e.seq, p.encoding, p.dictionary_id, p.body FROM event_log e JOIN payloads p ON p.id = e.payload_id
            WHERE \(EventKindIndex.matching("e", kind: .syncPlanned)) ORDER BY e.seq DESC
            """)
        for (plan, row) in rows where plan["account_id"]?.stringValue == accountId {
            return (row[0].integer ?? 0, plan)
        }
        return nil
    }

    /// The chunks of an account completed (`sync.chunk_completed`) by any run after event `seq`.
    package func completedChunks(accountId: String, after seq: Int64) throws(LedgerError) -> Set<SyncChunk> {
        Set(try chunkCompletions(after: seq).filter { $0.accountId == accountId })
    }

    /// The last day of an account that a completed chunk covered, or nil when no chunk of it ever completed.
    package func lastFullyCoveredDay(accountId: String) throws(LedgerError) -> String? {
        try chunkCompletions(after: 0).filter { $0.accountId == accountId }.map(\.until).max()
    }

    private func chunkCompletions(after seq: Int64) throws(LedgerError) -> [SyncChunk] {
        let rows = try payloadRows(
            """
            SELECT e.seq, p.encoding, p.dictionary_id, p.body
            FROM event_log e JOIN payloads p ON p.id = e.payload_id
            WHERE \(EventKindIndex.matching("e", kind: .syncChunkCompleted)) AND e.seq > ?
            """, [.integer(seq)])
        return rows.compactMap { payload, _ in
            guard let account = payload["account_id"]?.stringValue, let since = payload["since"]?.stringValue,
                let until = payload["until"]?.stringValue
            else { return nil }
            return SyncChunk(accountId: account, since: since, until: until)
        }
    }

    /// The attribution setting of the last sync run that fetched the account's insights (from its `sync.started`
    /// context), or nil when no run recorded one.
    package func lastAttribution(accountId: String) throws(LedgerError) -> String? {
        let statement = try connection.prepare(
            """
            SELECT \(EventLogSQL.columns) FROM \(EventLogSQL.from())
            WHERE \(EventKindIndex.matching("e", kind: .syncStarted)) ORDER BY e.seq DESC
            """)
        let decoder = try PayloadDecoder(connection: connection)
        while try statement.step() {
            let context = try EventReader.decode(statement, decoder: decoder, path: connection.path).payload
            guard context["accounts"]?.arrayValue?.contains(.string(accountId)) == true,
                let setting = RunAttributions.setting(of: context)
            else { continue }
            return setting
        }
        return nil
    }
}
