import Dispatch

/// Reads the log in seq order in batches of `batchSize` for `BulkProjectionBuild` and starts decoding each batch's
/// insights on worker threads as it is read. Used on one thread: the writer's, on the writer's connection, or a
/// thread of its own with a connection of its own (see `BulkProjectionBuild.replay()`).
final class LogBatchReader {
    private let statement: Statement
    private let payloads: PayloadDecoder
    private let decoder: InsightDecoder
    private let path: String
    private let batchSize: Int
    private let queue = DispatchQueue(label: "adledger.bulk-build", qos: .userInitiated)
    /// A statement stepped again after its last row starts over: stop at the first short batch.
    private var exhausted = false

    /// Reads the events with `seq <= through` (all of them when nil) on `connection`. An event whose payload row is
    /// missing is left out, as an inner join leaves it out, and named by the batch (verify reports the first).
    init(connection: Connection, through lastSeq: Int64?, batchSize: Int) throws(LedgerError) {
        statement = try connection.prepare(
            """
            SELECT \(EventLogSQL.columns), p.id IS NULL, e.kind_id
            FROM \(EventLogSQL.from(keepsMissingPayloads: true)) WHERE e.seq <= ? ORDER BY e.seq
            """)
        try statement.bind([.integer(lastSeq ?? Int64.max)])
        payloads = try PayloadDecoder(connection: connection)
        decoder = try InsightDecoder(connection: connection)
        path = connection.path
        self.batchSize = batchSize
    }

    /// The next batch, its insights decoding; nil after the last.
    func next() throws(LedgerError) -> LogBatch? {
        guard !exhausted else { return nil }
        let (entries, raw, missing) = try read()
        exhausted = entries.count + missing.count < batchSize
        guard !entries.isEmpty || !missing.isEmpty else { return nil }
        let batch = ConcurrentBatch(raw, placeholder: DecodedInsight.skipped)
        let group = DispatchGroup()
        let decoder = self.decoder
        queue.async(group: group) {
            batch.run { events in
                switch Result(catching: { () throws(LedgerError) in try ZstdContext() }) {
                case .success(let context):
                    var runIds = RunIdReader()
                    return events.map { decoder.decode($0, context: context, runIds: &runIds) }
                case .failure(let error): return events.map { _ in .failed(error) }
                }
            }
        }
        return LogBatch(entries: entries, decoded: batch, group: group, firstMissingPayload: missing.first)
    }

    /// Up to `batchSize` events: insights as raw events for the workers, every other event read here, and the seqs
    /// of events whose payload is missing.
    private func read() throws(LedgerError) -> ([BulkBuildEntry], [RawInsightEvent], [Int64]) {
        var entries: [BulkBuildEntry] = []
        var raw: [RawInsightEvent] = []
        var missing: [Int64] = []
        entries.reserveCapacity(batchSize)
        while entries.count + missing.count < batchSize, try statement.step() {
            guard case .integer(let seq) = statement.value(at: 0) else {
                throw .corrupt(path: path, message: "an event has no seq")
            }
            if statement.int64(at: 11) != 0 {
                missing.append(seq)
                continue
            }
            let isInsight = statement.int64(at: 12) == EventKind.insightFetched.id
            if isInsight, case .blob(let body) = statement.value(at: 10) {
                entries.append(.insight(slot: raw.count, seq: seq, recordedAt: statement.text(at: 4) ?? ""))
                raw.append(
                    RawInsightEvent(
                        seq: seq, stream: statement.text(at: 2) ?? "",
                        schemaVersion: Int(statement.value(at: 5).integer ?? 1), meta: statement.text(at: 7),
                        encoding: statement.text(at: 8), dictionaryId: statement.value(at: 9).integer, body: body))
                continue
            }
            // Anything else, and an event the reader rejects, is read as `EventReader` reads it (errors included).
            let event: Result<StoredEvent, LedgerError>
            do {
                event = .success(try EventReader.decode(statement, decoder: payloads, path: path))
            } catch {
                event = .failure(error)
            }
            let kindId = statement.int64(at: 12)
            entries.append(
                .event(
                    event, seq: seq,
                    deferred: kindId == EventKind.insightVanished.id || kindId == EventKind.syncChunkCompleted.id))
        }
        return (entries, raw, missing)
    }
}

@available(*, unavailable)
extension LogBatchReader: Sendable {}
