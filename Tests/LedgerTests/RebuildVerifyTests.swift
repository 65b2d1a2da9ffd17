import Foundation
import Sync
import Testing

@testable import Ledger

@Suite struct RebuildVerifyTests {
    /// A ledger with two fetches (one restated day), a brand link and a breakdown page.
    func populated() throws -> TestLedger {
        let test = try TestLedger()
        let setup = try test.open(at: "2025-12-15T05:00:00Z")
        _ = try setup.linkBrand("WP", account: "act_42", name: "Wild Pines", primary: true)
        _ = try setup.ingest(files: [try test.file("a.json", insightPage())], account: nil)
        _ = try test.open(at: "2025-12-16T06:00:00Z").ingest(
            files: [try test.file("b.json", insightPage(purchases: "3")), try test.file("c.json", insightPage(date: "2025-12-02"))],
            account: nil)
        _ = try test.open(at: "2025-12-16T07:00:00Z").ingest(
            files: [TestLedger.samples.appendingPathComponent("insights_ad_level_product_id_breakdown_airbyte.json").path],
            account: nil)
        return test
    }

    func dump(_ test: TestLedger) throws -> [String: [[String]]] {
        let ledger = try test.reader()
        var tables: [String: [[String]]] = [:]
        // Sorted: the summaries' rowids (their order) follow their upkeep, not their content.
        for name in ProjectionTables.names {
            tables[name] = try test.rows("SELECT * FROM \(name)", ledger: ledger).sorted { $0.lexicographicallyPrecedes($1) }
        }
        return tables
    }

    @Test func rebuildOfAnUnchangedLogIsIdentical() throws {
        let test = try populated()
        let before = try dump(test)
        #expect(before["meta_ads_performance"]?.count == 3)
        let dry = try test.open().rebuild(dryRun: true)
        #expect(dry.diffs.allSatisfy { $0.isEmpty }, "\(dry.diffs.map(\.summary))")
        let report = try test.open().rebuild(dryRun: false)
        #expect(report.diffs.allSatisfy { $0.isEmpty })
        #expect(try dump(test) == before)
        // The swapped-in tables keep their indexes.
        let ledger = try test.reader()
        let indexes = try test.rows(
            "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'meta_ads_performance' AND sql IS NOT NULL ORDER BY name",
            ledger: ledger)
        #expect(indexes.map(\.[0]) == [
            "meta_ads_performance_account", "meta_ads_performance_brand", "meta_ads_performance_date",
        ])
        #expect(try ledger.verify().ok)
    }

    /// A rebuild whose fresh tables all equal the live ones keeps the live tables (their root pages stay, the file
    /// does not grow by a second copy of them) and records the projections' state; one with a few rows changed
    /// updates them in place (`RebuildPatchTests`; a whole table's worth swaps the fresh tables in). Neither leaves a
    /// fresh table behind.
    @Test func aRebuildWithNothingToChangeKeepsTheLiveTables() throws {
        let test = try populated()
        let roots = "SELECT name, rootpage FROM sqlite_master WHERE type = 'table' AND name LIKE 'meta_ads_performance%' ORDER BY name"
        let pages = "SELECT page_count - freelist_count FROM pragma_page_count, pragma_freelist_count"
        let ledger = try test.open()
        try ledger.connection.execute("UPDATE projection_state SET last_seq = 1")
        let before = try ledger.connection.rows(roots)
        let used = try ledger.connection.scalar(pages)
        let report = try ledger.rebuild(dryRun: false)
        #expect(!report.changed)
        #expect(try ledger.connection.rows(roots) == before)
        #expect(try ledger.connection.scalar(pages) == used)
        #expect(
            try ledger.connection.scalar("SELECT min(last_seq) FROM projection_state")
                == ledger.connection.scalar("SELECT max(seq) FROM event_log"))
        #expect(try ledger.connection.scalar("SELECT count(*) FROM sqlite_master WHERE name LIKE 'rebuild_%'") == .integer(0))

        try ledger.connection.execute("UPDATE meta_ads_performance SET spend = 1 WHERE date = '2025-12-01'")
        let changed = try ledger.rebuild(dryRun: false)
        #expect(changed.changed)
        #expect(try ledger.connection.rows(roots) == before)
        #expect(try ledger.connection.scalar(pages) == used)
        #expect(try ledger.connection.scalar("SELECT count(*) FROM sqlite_master WHERE name LIKE 'rebuild_%'") == .integer(0))
        #expect(try test.reader().verify().ok)
    }

    @Test func dryRunReportsWhatADriftedProjectionWouldGetBack() throws {
        let test = try populated()
        do {
            let ledger = try test.open()
            try ledger.connection.execute("UPDATE meta_ads_performance SET spend = 1 WHERE date = '2025-12-01'")
            try ledger.connection.execute("DELETE FROM meta_ad_accounts")
            try ledger.connection.execute("DELETE FROM brand_ad_accounts")
        }
        let verify = try test.reader().verify()
        #expect(!verify.ok)
        #expect(verify.problems.contains { $0.contains("meta_ads_performance row meta_ad_id=111, date=2025-12-01") && $0.contains("spend") })
        let dry = try test.open().rebuild(dryRun: true)
        let performance = try #require(dry.diffs.first { $0.table == "meta_ads_performance" })
        #expect(performance.changed == 1)
        #expect(performance.summary.contains("spend ×1"))
        let brands = try #require(dry.diffs.first { $0.table == "brand_ad_accounts" })
        #expect(brands.added == 1)
        // The dry run changed nothing.
        #expect(try test.rows("SELECT spend FROM meta_ads_performance WHERE date = '2025-12-01'", ledger: try test.reader()) == [["1.0"]])
        _ = try test.open().rebuild(dryRun: false)
        #expect(try test.reader().verify().ok)
        #expect(try test.rows("SELECT spend FROM meta_ads_performance WHERE date = '2025-12-01'", ledger: try test.reader()) == [["10.5"]])
    }

    /// Damage `quick_check` passes: a byte of a performance row's date changed in the table's page while its index
    /// entries keep the old date (as a stray write leaves it). The projection comparison walks the table in key
    /// order through its primary-key index, so only `integrity_check` sees it; a query through the date index or
    /// the table itself would read the new date.
    @Test func verifyFindsARowItsIndexesNoLongerMatch() throws {
        let test = try populated()
        let (root, pageSize): (Int, Int)
        do {
            let connection = try Connection(path: test.path, mode: .readWrite)
            try connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            root = Int(try #require(try connection.scalar(
                "SELECT rootpage FROM sqlite_master WHERE type = 'table' AND name = 'meta_ads_performance'")?.integer))
            pageSize = Int(try #require(try connection.scalar("PRAGMA page_size")?.integer))
            // A few rows: the table is its root page alone.
            #expect(try connection.scalar("SELECT count(*) FROM dbstat WHERE name = 'meta_ads_performance'")?.integer == 1)
        }
        let url = URL(fileURLWithPath: test.path)
        var bytes = [UInt8](try Data(contentsOf: url))
        let page = (root - 1) * pageSize..<root * pageSize
        let date = Array("2025-12-01".utf8)
        let at = try #require(page.first { bytes[$0..<min($0 + date.count, bytes.count)].elementsEqual(date) })
        bytes[at + 9] = UInt8(ascii: "7")  // 2025-12-07: same length, so the record stays well formed
        try Data(bytes).write(to: url)
        #expect(try Connection(path: test.path, mode: .readOnly).rows("PRAGMA quick_check").first?.first == .text("ok"))
        let verify = try test.reader().verify()
        #expect(!verify.ok)
        #expect(verify.problems.first?.hasPrefix("the SQLite file is damaged:") == true, "\(verify.problems)")
        #expect(verify.problems.first?.contains("missing from index") == true, "\(verify.problems)")
    }

    @Test func verifyNamesTheSeqOfATamperedPayloadByte() throws {
        let test = try populated()
        #expect(try test.reader().verify().ok)
        // Flip one byte of a payload in the file itself (the only row dated 2025-12-02), past SQLite's triggers.
        try flip(in: test.path, find: Array("\"date_start\":\"2025-12-02\"".utf8), replace: Array("\"date_start\":\"2025-12-03\"".utf8))
        let report = try test.reader().verify()
        #expect(!report.ok)
        let ledger = try test.reader()
        let seq = try test.rows("SELECT seq FROM events WHERE stream = 'ad:111:2025-12-02'", ledger: ledger)[0][0]
        #expect(report.problems.first?.contains("event seq \(seq)") == true, "\(report.problems)")
    }

    @Test func verifyNamesTheSeqOfATamperedEvent() throws {
        let test = try populated()
        try flip(in: test.path, find: Array("ad:111:2025-12-02".utf8), replace: Array("ad:111:2025-12-03".utf8))
        let report = try test.reader().verify()
        let ledger = try test.reader()
        let seq = try test.rows("SELECT seq FROM events WHERE stream = 'ad:111:2025-12-03'", ledger: ledger)[0][0]
        #expect(report.problems.first == "event seq \(seq): its hash does not match its fields (the event was altered)")
    }

    /// Found by the storage campaign: `status` read sync payloads with SQLite's JSON functions, so a damaged
    /// one failed with a bare "SQLite error 1: malformed JSON"; it is reported as damage to the named ledger.
    @Test func statusReportsADamagedSyncPayloadAsDamage() throws {
        let test = try populated()
        try flip(in: test.path, find: Array("\"outcome\":\"ok\"".utf8), replace: Array("\"outcome\"!\"ok\"".utf8))
        let error = try #require(throws: LedgerError.self) { try test.reader().status() }
        guard case .corrupt(let path, let message) = error else {
            Issue.record("unexpected \(error)")
            return
        }
        #expect(path == test.path)
        #expect(message.contains("payload is not valid JSON"), "\(message)")
        #expect(error.description.hasPrefix("ledger \(test.path) is damaged: event "))
    }

    /// Found by the storage campaign: with `stream_heads` behind the log, the next append hit the events table's
    /// UNIQUE(stream, version) and surfaced as a bare "SQLite error 2067" (then reported as damage). Schema 11 reads
    /// each stream's head from the log itself: a schema-10 ledger whose `stream_heads` row fell behind upgrades, and
    /// the next fetch of that day is its next version.
    @Test func aStreamHeadBehindTheLogIsGoneWithTheUpgrade() throws {
        let test = try populated()
        do {
            let connection = try Connection(path: test.path, mode: .readWrite)
            try SchemaRollback.toSchema10(connection)
            try connection.execute(
                """
                UPDATE stream_heads SET version = version - 1 WHERE stream = 'ad:111:2025-12-02';
                DELETE FROM schema_migrations WHERE version >= 11; PRAGMA user_version = 10;
                """)
        }
        let ledger = try test.open(at: "2025-12-17T06:00:00Z")
        #expect(try ledger.connection.scalar("SELECT count(*) FROM sqlite_master WHERE name = 'stream_heads'") == .integer(0))
        let summary = try ledger.ingest(
            files: [try test.file("d.json", insightPage(date: "2025-12-02", spend: "99.00"))], account: nil)
        #expect(summary.counts.changed == 1)
        #expect(
            try test.rows("SELECT version FROM events WHERE stream = 'ad:111:2025-12-02' ORDER BY seq", ledger: ledger)
                == [["1"], ["2"]])
        let verify = try ledger.verify()
        #expect(verify.ok, "\(verify.problems)")
    }

    /// A rebuild puts the performance rows in the order the live path appended them (each ad-day where its first
    /// version is in the log), not in key order: a query with no ORDER BY, a floating-point `sum`, reads the rows as
    /// before the rebuild.
    @Test func rebuildKeepsTheOrderTheLivePathAppendedRowsIn() throws {
        let test = try TestLedger()
        _ = try test.open(at: "2025-12-15T05:00:00Z").ingest(
            files: [
                try test.file("a.json", insightPage(date: "2025-12-03", ad: "222")),
                try test.file("b.json", insightPage(date: "2025-12-01", ad: "111")),
            ], account: nil)
        _ = try test.open(at: "2025-12-16T05:00:00Z").ingest(
            files: [
                try test.file("c.json", insightPage(date: "2025-12-02", ad: "111")),
                try test.file("d.json", insightPage(date: "2025-12-03", spend: "11.00", ad: "222")),
            ], account: nil)
        let order = "SELECT meta_ad_id, date, revisions FROM meta_ads_performance"
        let before = try test.rows(order, ledger: try test.reader())
        #expect(before == [["222", "2025-12-03", "2"], ["111", "2025-12-01", "1"], ["111", "2025-12-02", "1"]])
        let report = try test.open().rebuild(dryRun: false)
        #expect(report.diffs.allSatisfy { $0.isEmpty })
        #expect(try test.rows(order, ledger: try test.reader()) == before)
        #expect(try test.reader().verify().ok)
    }

    /// With no second connection to the file (here: the file was renamed after the reader opened it), verify runs
    /// every check on its one connection, one after another, and finds what it finds with two.
    @Test func verifyOnOneConnectionFindsWhatItFindsOnTwo() throws {
        let test = try populated()
        try flip(in: test.path, find: Array("\"date_start\":\"2025-12-02\"".utf8), replace: Array("\"date_start\":\"2025-12-03\"".utf8))
        let seq = try test.rows("SELECT seq FROM events WHERE stream = 'ad:111:2025-12-02'", ledger: try test.reader())[0][0]
        let expected = try test.reader().verify()
        #expect(expected.problems.first?.contains("event seq \(seq)") == true, "\(expected.problems)")

        let reader = try test.reader()
        let moved = test.directory.appendingPathComponent("moved.sqlite").path
        try FileManager.default.moveItem(atPath: test.path, toPath: moved)
        #expect(LogCheck.start(path: test.path, audit: LogAudit()) == nil)
        let report = try reader.verify()
        #expect(report.problems == expected.problems)
        #expect(report.events == expected.events && report.payloads == expected.payloads)

        // And a sound ledger, projections compared, on one connection.
        let sound = try populated()
        let soundReader = try sound.reader()
        try FileManager.default.moveItem(
            atPath: sound.path, toPath: sound.directory.appendingPathComponent("moved.sqlite").path)
        let ok = try soundReader.verify()
        #expect(ok.ok, "\(ok.problems)")
        #expect(ok.events > 0)
    }

    /// An event whose payload row is gone (deleted past the append-only trigger) is named by its seq, now by the
    /// projections' replay (which joins every event to its payload) rather than a query of its own: on two
    /// connections and on one, and the problem is the log's (no projection difference is reported instead).
    @Test func verifyNamesTheSeqOfAnEventWhosePayloadIsMissing() throws {
        let test = try populated()
        let seq: Int64
        do {
            let connection = try Connection(path: test.path, mode: .readWrite)
            seq = try #require(
                try connection.scalar("SELECT seq FROM events WHERE stream = 'ad:111:2025-12-02'")?.integer)
            #expect(
                try connection.scalar(
                    "SELECT count(*) FROM events WHERE payload_hash = (SELECT payload_hash FROM events WHERE seq = ?)",
                    [.integer(seq)])?.integer == 1)
            let trigger = try #require(
                try connection.scalar("SELECT sql FROM sqlite_master WHERE name = 'payloads_no_delete'")?.text)
            try connection.execute("DROP TRIGGER payloads_no_delete")
            try connection.execute(
                "DELETE FROM payloads WHERE hash = (SELECT payload_hash FROM events WHERE seq = \(seq))")
            try connection.execute(trigger)
            try connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        }
        let report = try test.reader().verify()
        #expect(report.problems == ["event seq \(seq): its payload is missing"], "\(report.problems)")
        #expect(report.events > seq)

        let reader = try test.reader()
        try FileManager.default.moveItem(
            atPath: test.path, toPath: test.directory.appendingPathComponent("moved.sqlite").path)
        #expect(LogCheck.start(path: test.path, audit: LogAudit()) == nil)
        let one = try reader.verify()
        #expect(one.problems == report.problems)
        #expect(one.events == report.events && one.payloads == report.payloads)
    }

    /// Verify's replay confirms the chain and the payloads it reads on its way, and the log's own walks check only
    /// the rest: across several of the replay's batches, an event altered in the second and a payload altered in
    /// the third are named as the walks name them when they read the whole log.
    @Test func verifyNamesWhatTheReplayCouldNotConfirmAsTheFullWalksDo() throws {
        let test = try TestLedger()
        let ledger = try test.open()
        let rows = 3 * BulkProjectionBuild.batchSize
        for day in 1...3 {
            let data = (0..<rows / 3).map { ad in
                """
                {"account_id":"42","account_currency":"USD","ad_id":"\(5_000 + ad)","campaign_id":"9","adset_id":"8",
                "date_start":"2025-12-0\(day)","date_stop":"2025-12-0\(day)","spend":"\(ad % 97).25","impressions":"\(ad)"}
                """
            }
            let page = "{\"data\":[\(data.joined(separator: ","))]}"
            _ = try ledger.ingest(files: [try test.file("day\(day).json", page)], account: nil)
        }
        #expect(try test.reader().verify().ok)
        let alteredEvent = Int64(BulkProjectionBuild.batchSize + 100)
        let alteredPayloadEvent = Int64(2 * BulkProjectionBuild.batchSize + 700)
        do {
            let connection = try Connection(path: test.path, mode: .readWrite)
            try #require(try connection.scalar("SELECT max(seq) FROM event_log")?.integer ?? 0 > alteredPayloadEvent)
            let eventTrigger = try #require(
                try connection.scalar("SELECT sql FROM sqlite_master WHERE name = 'event_log_no_update'")?.text)
            let payloadTrigger = try #require(
                try connection.scalar("SELECT sql FROM sqlite_master WHERE name = 'payloads_no_update'")?.text)
            try connection.execute("DROP TRIGGER event_log_no_update")
            try connection.execute("DROP TRIGGER payloads_no_update")
            try connection.execute("UPDATE event_log SET version = version + 1 WHERE seq = \(alteredEvent)")
            try connection.execute(
                """
                UPDATE payloads SET hash = zeroblob(32)
                WHERE id = (SELECT payload_id FROM event_log WHERE seq = \(alteredPayloadEvent))
                """)
            try connection.execute(eventTrigger)
            try connection.execute(payloadTrigger)
            try connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        }
        let report = try test.reader().verify()
        let whole = try LogCheck.run(on: try Connection(path: test.path, mode: .readOnly))
        #expect(whole.problems.count == 2, "\(whole.problems)")
        #expect(whole.problems.first == "event seq \(alteredEvent): its hash does not match its fields (the event was altered)")
        #expect(whole.problems.last?.hasPrefix("event seq \(alteredPayloadEvent): ") == true, "\(whole.problems)")
        #expect(Array(report.problems.prefix(2)) == whole.problems, "\(report.problems)")
        #expect(report.events == whole.events && report.payloads == whole.payloads)
    }

    /// Replaces bytes in a closed ledger file (after a checkpoint folds the WAL in).
    func flip(in path: String, find: [UInt8], replace: [UInt8]) throws {
        do {
            let connection = try Connection(path: path, mode: .readWrite)
            try connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        }
        var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        let indexes = bytes.indices.filter { bytes[$0...].starts(with: find) }
        try #require(!indexes.isEmpty)
        for index in indexes { bytes.replaceSubrange(index..<index + find.count, with: replace) }
        try Data(bytes).write(to: URL(fileURLWithPath: path))
    }
}
