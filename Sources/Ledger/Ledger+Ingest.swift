import Foundation
import JSON
import Normalization

extension Ledger {
    /// Appends raw insight rows, source by source. Each source is one transaction: a source with a bad
    /// row appends nothing, and sources before it stay committed; the run stops at the first bad one.
    ///
    /// - Parameter account: the `--account` given; rows' own `account_id` must agree with it.
    public func ingest<Source: IngestSource>(_ sources: [Source], account: String?) throws(LedgerError)
        -> IngestSummary
    {
        try ingest(sources, account: account, awaitingNextSource: false)
    }

    /// `ingest(_:account:)`; `awaitingNextSource`: at the end of each source, wait for the next one's first rows to
    /// be read and prepare them while the source commits (tests: without it, only the rows read by then are).
    func ingest<Source: IngestSource>(_ sources: [Source], account: String?, awaitingNextSource: Bool)
        throws(LedgerError) -> IngestSummary
    {
        let accountId = try account.map { (text: String) throws(LedgerError) -> String in try AccountId.parse(text) }
        let runId = UUID().uuidString.lowercased()
        let stream = "sync:\(runId)"
        try write { (writer: LedgerWriter) throws(LedgerError) in
            try writer.record(
                NewEvent(
                    kind: .syncStarted, stream: stream,
                    payload: .object([
                        ("run_id", .string(runId)), ("source", .string("ingest")),
                        ("files", .array(sources.map { .string($0.name) })),
                        ("account_id", accountId.map(JSONValue.string) ?? .null),
                    ])))
        }
        var total = AppendCounts()
        var failure: LedgerError?
        // The prefetcher holds the only reference to each reader, so a source's parsed rows go once it is read.
        let prefetch = IngestPrefetch(IngestPrefetch.readers(of: sources), batchSize: Self.ingestBatchSize)
        let probes = StreamHeadProbes(path: path)
        let zstdContexts = LendingPool { try? ZstdContext() }
        prefetch.start()
        defer { prefetch.stop() }
        let checkpointPages = try spacedCheckpoints()
        // Each file's commit is checkpointed beside the writer while it appends the next.
        let checkpointer = WALCheckpointer(path: path)
        checkpointer.start()
        defer { checkpointer.stop() }
        // A file's transaction takes a dictionary trained on another thread once it is done; the run's last write
        // waits for it.
        waitsForTrainings = false
        defer { waitsForTrainings = true }
        // The next source's first rows, prepared while the writer finishes and commits the source before.
        var early: IngestBatches.Started?
        for index in sources.indices {
            do {
                let counts = try write { (writer: LedgerWriter) throws(LedgerError) -> AppendCounts in
                    let context = PreparedInsight.Context(
                        currencies: try writer.projector.accountCurrencies(),
                        brands: try writer.projector.accountBrands(),
                        attribution: try writer.projector.attribution(runId: runId),
                        recordedAt: writer.log.recordedAt(now: writer.now),
                        dictionary: CurrentDictionary(try writer.log.currentDictionary(kind: .insightFetched)),
                        zstdContexts: zstdContexts)
                    return try writer.batchingSummaries { () throws(LedgerError) -> AppendCounts in
                        try append(
                            from: prefetch, source: index, first: early, next: &early,
                            awaitingNext: awaitingNextSource, account: accountId, runId: runId, probes: probes,
                            context: context, writer: writer)
                    }
                }
                total.add(counts)
                checkpointer.request()
            } catch {
                failure = error
                break
            }
        }
        // The last commit checkpoints as any other writer's would.
        checkpointer.stop()
        waitsForTrainings = true
        try connection.execute("PRAGMA wal_autocheckpoint = \(checkpointPages)")
        try write { (writer: LedgerWriter) throws(LedgerError) in
            var payload: [(key: String, value: JSONValue)] = [
                ("run_id", .string(runId)), ("source", .string("ingest")),
                ("outcome", .string(failure == nil ? "ok" : "failed")), ("counts", total.json),
            ]
            if let failure { payload.append(("error", .string(failure.description))) }
            try writer.record(NewEvent(kind: .syncFinished, stream: stream, payload: .object(payload)))
        }
        try refreshSuggestionsIfStale()
        if let failure { throw failure }
        return IngestSummary(runId: runId, files: sources.count, counts: total)
    }

    /// Appends every row of source `index`: rows are read on the prefetch thread, and checked, hashed, compared with
    /// their streams' last committed payloads and (those that differ) normalized and compressed on other threads
    /// batches ahead of the writer (``PreparedInsight``, ``ingestBatchDepth``), which appends them in order. The
    /// first bad row or read error, in row order, is thrown as the one-row-at-a-time loop would throw it (the
    /// transaction then appends nothing).
    ///
    /// `first`: this source's first rows, prepared while the source before was finished. Once this source's rows are
    /// all read, the next source's first batch, if the prefetch thread has read it (`awaitingNext`: once it has), is
    /// prepared the same way into `next`, beside the writer's end of this source (the summaries, the commit):
    /// without its committed heads, which this transaction's commit may still change (the writer looks those up
    /// itself). Not waiting for it keeps the commit beside the reading of the next file, which takes longer (a saved
    /// page is read whole): waiting made the 200k bench's ingest slower, and preparing what is read already made it
    /// 4% faster (`adledger ingest` alternating with the release before, 11 pairs).
    private func append(
        from prefetch: IngestPrefetch, source index: Int, first: IngestBatches.Started?,
        next: inout IngestBatches.Started?, awaitingNext: Bool, account: String?, runId: String,
        probes: StreamHeadProbes,
        context: PreparedInsight.Context, writer: LedgerWriter
    ) throws(LedgerError) -> AppendCounts {
        let pipeline = Self.batches(
            label: "adledger.ingest", account: account, runId: runId, probes: probes, context: context)
        var counts = AppendCounts()
        var batch: IngestPrefetch.Batch = []
        var position = 0
        next = nil
        try pipeline.run(
            first: first,
            read: { () -> Result<IngestRow, LedgerError>? in
                if position == batch.count {
                    guard let more = prefetch.next(of: index) else {
                        if index + 1 < prefetch.sourceCount,
                            let rows = awaitingNext ? prefetch.next(of: index + 1) : prefetch.nextIfRead(of: index + 1)
                        {
                            next = Self.batches(
                                label: "adledger.ingest.next", account: account, runId: runId, probes: nil,
                                context: context
                            ).start(rows)
                        }
                        return nil
                    }
                    (batch, position) = (more, 0)
                }
                position += 1
                // Moved out of the batch, which is done with it (a copy would retain what the row holds).
                var row = Result<IngestRow, LedgerError>.failure(.interrupted)
                swap(&row, &batch[position - 1])
                return row
            },
            consume: { (_, prepared) throws(LedgerError) -> Bool in
                // Bound in place (`get()` would copy the row out of its result).
                switch prepared {
                case .success(let row): counts.add(try appendInsight(row, writer: writer))
                case .failure(let error): throw error
                }
                // Once a batch, the dictionary appends compress with now (a first one trained, a better one adopted).
                if counts.rows % Self.ingestBatchSize == 0 {
                    context.dictionary.update(try writer.log.currentDictionary(kind: .insightFetched))
                }
                return true
            })
        return counts
    }

    /// The ingest's pipeline: raw rows in, rows prepared for the writer out.
    typealias IngestBatches = BatchPipeline<Result<IngestRow, LedgerError>, Result<PreparedInsight, LedgerError>>

    /// An ingest's batches, prepared (``prepare(_:account:runId:probes:context:)``) on one thread in tasks of
    /// ``ingestTaskSize`` rows, with the writer preparing the tasks not started of the batch it reaches.
    private static func batches(
        label: String, account: String?, runId: String, probes: StreamHeadProbes?, context: PreparedInsight.Context
    ) -> IngestBatches {
        var batches = IngestBatches(
            batchSize: ingestBatchSize, label: label, placeholder: .failure(.interrupted),
            transform: { rows in prepare(rows, account: account, runId: runId, probes: probes, context: context) })
        batches.taskSize = ingestTaskSize
        batches.consumerMaps = true
        batches.depth = ingestBatchDepth
        return batches
    }

    /// Prepares a run of rows for the writer (on a preparing thread): each row's event, canonical payload and digest;
    /// with `probes`, its stream's committed head, read in one go for the run; and for a row that does not look
    /// unchanged, its normalized values and compressed payload.
    private static func prepare(
        _ rows: ArraySlice<Result<IngestRow, LedgerError>>, account: String?, runId: String, probes: StreamHeadProbes?,
        context: PreparedInsight.Context
    ) -> [Result<PreparedInsight, LedgerError>] {
        let outputs = rows.map { row in
            row.flatMap { (row: IngestRow) -> Result<PreparedInsight, LedgerError> in
                Result { () throws(LedgerError) -> PreparedInsight in
                    try PreparedInsight(row, account: account, runId: runId)
                }
            }
        }
        // The committed heads of the run's streams, in one read of the snapshot this transaction began from.
        var ready: [(index: Int, stream: String)] = []
        for (index, output) in outputs.enumerated() {
            if case .success(let prepared) = output { ready.append((index, prepared.event.stream)) }
        }
        let probe = probes?.take()
        let heads = probe?.heads(of: ready.map(\.stream))
        probes?.give(probe)
        var zstd: ZstdContext?
        let dictionary = context.dictionary.dictionary
        for (offset, (index, _)) in ready.enumerated() {
            guard case .success(let prepared) = outputs[index] else { continue }
            prepared.committed = heads?[offset]
            if !prepared.looksUnchanged, zstd == nil, dictionary != nil { zstd = context.zstdContexts.take() }
            prepared.finish(context, dictionary: dictionary, zstd: zstd)
        }
        context.zstdContexts.give(zstd)
        return outputs
    }

    /// Rows an ingest reads and prepares per batch while the writer appends the batch before.
    static let ingestBatchSize = 256

    /// Batches an ingest has prepared or preparing when the writer takes one, that one among them. With 2, the
    /// preparing thread, done with the next batch before the writer was done with its own, waited for it: on the
    /// 200k bench's pages, 3 took the cores' idle time from 1.02 to 0.88 core-seconds and the ingest from 4.59 to
    /// 4.43 s (medians of 10 runs taking turns with the release before); 5 was no faster than 3.
    static let ingestBatchDepth = 3

    /// Rows per preparing task. A batch is prepared by one thread, and the writer, when it reaches a batch not yet
    /// prepared, prepares the tasks that have not started instead of sleeping (``BatchPipeline/consumerMaps``): it
    /// slept 1.1–1.3 s of a 6 s ingest of the 200k bench's pages waiting for batches. With tasks of 64 rows it waits
    /// 0.4 s, and the two cores are busy 1.72 of the time instead of 1.64 for the same CPU (alternating runs; tasks
    /// of 32 rows kept them busier but cost 3% more CPU, the set-up of each task).
    static let ingestTaskSize = 64

    /// WAL pages after which an ingest's commit checkpoints (SQLite's default is 1,000, which a file of 5,000 rows
    /// passes at every commit): each checkpoint costs two fsyncs on the writer's thread and writes back the pages
    /// every file touches (index interiors, the events index that heads are read from, summaries) once per checkpoint
    /// rather than once per file.
    /// 32 MiB of WAL at most on top of the file while the ingest runs.
    static let ingestCheckpointPages = 8_192

    /// Spaces the writer's automatic checkpoints to ``ingestCheckpointPages``; returns the setting it replaced.
    private func spacedCheckpoints() throws(LedgerError) -> Int64 {
        let previous = try connection.scalar("PRAGMA wal_autocheckpoint")?.integer ?? 1_000
        try connection.execute("PRAGMA wal_autocheckpoint = \(Self.ingestCheckpointPages)")
        return previous
    }

    /// Appends one prepared row as `insight.fetched` unless its ad-day's latest content is the same.
    func appendInsight(_ prepared: PreparedInsight, writer: LedgerWriter) throws(LedgerError) -> AppendCounts {
        try counting(writer) { () throws(LedgerError) in try writer.recordIfChanged(prepared) }
    }

    /// Appends one raw row as `insight.fetched` unless its ad-day's latest content is the same.
    func appendInsight(_ row: JSONValue, identity: InsightRow, runId: String, writer: LedgerWriter)
        throws(LedgerError) -> AppendCounts
    {
        let event = identity.event(of: row, runId: runId)
        return try counting(writer) { () throws(LedgerError) in try writer.recordIfChanged(event) }
    }

    /// The counts of one row that `record` appends (or finds unchanged: nil), with the malformed values it met.
    private func counting(_ writer: LedgerWriter, _ record: () throws(LedgerError) -> StoredEvent?) throws(LedgerError)
        -> AppendCounts
    {
        var counts = AppendCounts()
        counts.rows = 1
        let before = writer.projector.malformedValues
        if let stored = try record() {
            if stored.version == 1 { counts.new = 1 } else { counts.changed = 1 }
        } else {
            counts.unchanged = 1
        }
        counts.malformedValues = writer.projector.malformedValues - before
        return counts
    }
}
