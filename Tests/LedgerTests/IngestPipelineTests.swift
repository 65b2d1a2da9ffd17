import JSON
import Testing

@testable import Ledger

/// Rows handed to the ledger in memory; `failAt`: the read that throws (as a saved file's reader does on a line it
/// cannot parse).
private struct FailingRows: IngestSource {
    let name: String
    var rows: [IngestRow]
    var failAt: Int?
    var read = 0

    mutating func nextRow() throws(LedgerError) -> IngestRow? {
        defer { read += 1 }
        if read == failAt { throw .invalidInput(source: "\(name) row \(read + 1)", reason: "cannot be parsed") }
        return rows.isEmpty ? nil : rows.removeFirst()
    }
}

/// Ingest reads, checks and prepares rows on other threads batches ahead of the writer, yet behaves as the
/// row-by-row loop did: the first problem in row order is the one reported (a bad row before a read error that
/// comes batches later), a failing source appends nothing and stops the run, and sources before it stay.
@Suite struct IngestPipelineTests {
    private static func rows(_ count: Int, ad: Int, from start: Int = 0) -> [IngestRow] {
        (start..<start + count).map { i in
            let day = 1 + i % 28
            let month = 1 + (i / 28) % 12
            let date = "2025-\(month < 10 ? "0" : "")\(month)-\(day < 10 ? "0" : "")\(day)"
            let value = JSONValue.object([
                ("account_id", .string("42")), ("ad_id", .string(String(ad + i / 336))), ("date_start", .string(date)),
                ("date_stop", .string(date)), ("spend", .string("\(i % 90).25")), ("impressions", .string("\(100 + i)")),
            ])
            return IngestRow(value: value, locator: "row \(i + 1)")
        }
    }

    /// What the preparing threads compute for the writer to bind (the performance row's values, with the account's
    /// brand, and the summaries' share of a new ad-day at the transaction's time) is what the writer would: the
    /// live tables equal a rebuild's.
    @Test func rowsPreparedAheadCarryTheirAccountsBrandAndTime() throws {
        let test = try TestLedger()
        let ledger = try test.open(at: "2025-12-15T06:00:00Z")
        _ = try ledger.linkBrand("WP", account: "act_42", name: nil, primary: true)
        _ = try ledger.ingest([FailingRows(name: "a", rows: Self.rows(600, ad: 500))], account: nil)
        #expect(
            try test.rows("SELECT brand_id, count(*) FROM meta_ads_performance GROUP BY 1", ledger: ledger)
                == [["WP", "600"]])
        #expect(try test.rows("SELECT DISTINCT brand_id FROM report_ad_buckets", ledger: ledger) == [["WP"]])
        #expect(try test.rows("SELECT DISTINCT from_day FROM drift_segments", ledger: ledger) == [["2025-12-15"]])
        #expect(try ledger.rebuild(dryRun: true).changed == false)
        #expect(try ledger.verify().ok)
    }

    @Test func theFirstProblemInRowOrderIsReported() throws {
        let test = try TestLedger()
        let ledger = try test.open()
        var rows = Self.rows(3_000, ad: 500)
        rows[5] = IngestRow(value: .object([("account_id", .string("42"))]), locator: "row 6")
        let source = FailingRows(name: "late", rows: rows, failAt: 2_500)
        let error = try #require(throws: LedgerError.self) { try ledger.ingest([source], account: nil) }
        guard case .invalidInput(let where_, let reason) = error else {
            Issue.record("expected invalid input, got \(error)")
            return
        }
        #expect(where_ == "row 6" && reason.contains("ad_id"), "\(error)")
        #expect(try test.rows("SELECT count(*) FROM events WHERE kind = 'insight.fetched'", ledger: ledger) == [["0"]])
    }

    @Test func aFailingSourceStopsTheRunAndKeepsTheOnesBefore() throws {
        let test = try TestLedger()
        let ledger = try test.open()
        let first = FailingRows(name: "first", rows: Self.rows(2_500, ad: 100))
        let second = FailingRows(name: "second", rows: Self.rows(2_500, ad: 200), failAt: 1_500)
        let third = FailingRows(name: "third", rows: Self.rows(100, ad: 300))
        let error = try #require(throws: LedgerError.self) {
            try ledger.ingest([first, second, third], account: nil)
        }
        #expect("\(error)".contains("second row 1501"), "\(error)")
        // Checkpoints were spaced out while the files were appended, and are back to SQLite's default after.
        #expect(try ledger.connection.scalar("PRAGMA wal_autocheckpoint")?.integer == 1_000)
        #expect(try test.rows("SELECT count(*) FROM events WHERE kind = 'insight.fetched'", ledger: ledger) == [["2500"]])
        // All three again (the second without its bad line): the first is unchanged, the rest is new.
        let again = try ledger.ingest(
            [
                FailingRows(name: "first", rows: Self.rows(2_500, ad: 100)),
                FailingRows(name: "second", rows: Self.rows(2_500, ad: 200)), third,
            ], account: nil)
        #expect(again.counts.unchanged == 2_500 && again.counts.new == 2_600)
        let verify = try ledger.verify()
        #expect(verify.ok, "\(verify.problems)")
    }

    /// A source's first rows are prepared while the source before is finished and committed, before its commit
    /// could be read: they are compared with what that source appended all the same. Three sources in one run give
    /// the same 300 ad-days, the second with 10 of them changed and the third with those 10 back as the first had
    /// them (versions 3 reuse the payload rows of versions 1); the first two batches of each are among them. (The run
    /// waits for each next source's first rows, so that they are always prepared early.)
    @Test func aSourcesFirstRowsSeeWhatTheSourceBeforeAppended() throws {
        let test = try TestLedger()
        let ledger = try test.open()
        let original = Self.rows(300, ad: 900)
        var changed = original
        for index in 0..<10 {
            changed[index * 30] = IngestRow(
                value: .object(
                    (original[index * 30].value.objectMembers ?? []).map {
                        $0.key == "spend" ? ($0.key, .string("999.75")) : $0
                    }),
                locator: "changed \(index)")
        }
        let summary = try ledger.ingest(
            [
                FailingRows(name: "a", rows: original), FailingRows(name: "b", rows: changed),
                FailingRows(name: "c", rows: original),
            ], account: nil, awaitingNextSource: true)
        #expect(summary.counts.new == 300 && summary.counts.changed == 20 && summary.counts.unchanged == 580,
            "\(summary.counts)")
        #expect(
            try test.rows(
                """
                SELECT count(*), sum(version = 3 AND payload_id = (SELECT v.payload_id FROM event_log v
                    WHERE v.stream = e.stream AND v.version = 1))
                FROM event_log e WHERE kind_id = 1 AND version > 1
                """, ledger: ledger) == [["20", "10"]])
        #expect(
            try test.rows("SELECT count(*) FROM meta_ads_performance WHERE revisions = 3", ledger: ledger) == [["10"]])
        let verify = try ledger.verify()
        #expect(verify.ok, "\(verify.problems)")
    }

    /// The preparing threads read each row's committed head, but a row whose stream the same source appended to
    /// before is compared with that append: a day that changes and changes back within one file is two versions,
    /// and the first version seen again after them a third (not "unchanged" against the committed head).
    @Test func aStreamAppendedEarlierInTheSourceIsComparedWithThatAppend() throws {
        let test = try TestLedger()
        let ledger = try test.open()
        let original = Self.rows(600, ad: 700)
        #expect(try ledger.ingest([FailingRows(name: "first", rows: original)], account: nil).counts.new == 600)
        // Row 300's day with other numbers, then as committed, then other numbers again, among 600 unchanged rows
        // (far apart, in different batches of the pipeline).
        let changed = IngestRow(
            value: .object(
                (original[299].value.objectMembers ?? []).map { $0.key == "spend" ? ($0.key, .string("999.75")) : $0 }),
            locator: "changed")
        var rows = original
        rows.insert(changed, at: 300)
        rows.insert(original[299], at: 450)
        rows.append(changed)
        let again = try ledger.ingest([FailingRows(name: "second", rows: rows)], account: nil)
        #expect(again.counts.unchanged == 600 && again.counts.changed == 3 && again.counts.new == 0, "\(again.counts)")
        let stream = try #require(
            try test.rows(
                "SELECT stream FROM events WHERE kind = 'insight.fetched' GROUP BY stream HAVING count(*) > 1",
                ledger: ledger
            ).first?.first)
        #expect(
            try test.rows("SELECT version FROM events WHERE stream = '\(stream)' ORDER BY seq", ledger: ledger)
                == [["1"], ["2"], ["3"], ["4"]])
        #expect(
            try test.rows(
                """
                SELECT spend, revisions FROM meta_ads_performance
                WHERE source_seq = (SELECT max(seq) FROM events WHERE kind = 'insight.fetched')
                """, ledger: ledger) == [["999.75", "4"]])
        let verify = try ledger.verify()
        #expect(verify.ok, "\(verify.problems)")
    }
}
