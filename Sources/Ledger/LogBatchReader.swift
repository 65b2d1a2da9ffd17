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
    /// Where the statement holds each field the chain hashes (columns 13 and 14 are read only with `audits`).
    private static let chainColumns = ChainRow.Columns(
        seq: 0, kind: 1, stream: 2, version: 3, recordedAt: 4, payloadHash: 6, meta: 7, hash: 13, complete: 14)
    /// Whether each batch also carries what it confirms of the log (`LogBatch.Audit`).
    private let audits: Bool
    /// The hash stored on the last event read (for the next one's chain hash).
    private var storedBefore: ChainHash? = .genesis

    /// Reads the events with `seq <= through` (all of them when nil) on `connection`. An event whose payload row is
    /// missing is left out, as an inner join leaves it out, and named by the batch (verify reports the first). With
    /// `audits`, the workers also recompute every event's chain hash and hash every insight's payload (`LogAudit`).
    init(connection: Connection, through lastSeq: Int64?, batchSize: Int, audits: Bool = false) throws(LedgerError) {
        // Columns 11 and 12; with `audits`, 13–15: the stored chain hash, whether the kind and context rows are
        // there (as `ChainWalk` reads them), and the payload's row id.
        statement = try connection.prepare(
            """
            SELECT \(EventLogSQL.columns), p.id IS NULL, e.kind_id
                \(audits ? ", e.hash, k.id IS NOT NULL AND c.id IS NOT NULL, p.id" : "")
            FROM \(EventLogSQL.from(keepsMissingPayloads: true)) WHERE e.seq <= ? ORDER BY e.seq
            """)
        self.audits = audits
        try statement.bind([.integer(lastSeq ?? Int64.max)])
        payloads = try PayloadDecoder(connection: connection)
        decoder = try InsightDecoder(connection: connection)
        path = connection.path
        self.batchSize = batchSize
    }

    /// The next batch, its insights decoding; nil after the last.
    func next() throws(LedgerError) -> LogBatch? {
        guard !exhausted else { return nil }
        let read = try self.read()
        exhausted = read.entries.count + read.missing.count < batchSize
        guard !read.entries.isEmpty || !read.missing.isEmpty else { return nil }
        let batch = ConcurrentBatch(read.raw, placeholder: DecodedInsight.skipped)
        let audit =
            audits
            ? LogBatch.Audit(
                chain: ConcurrentBatch(read.chain, placeholder: .zero), payloadIds: read.payloadIds,
                payloadsMatch: SlotFlags(count: read.raw.count)) : nil
        let group = DispatchGroup()
        let decoder = self.decoder
        queue.async(group: group) {
            batch.run { events in
                switch Result(catching: { () throws(LedgerError) in try ZstdContext() }) {
                case .success(let context):
                    var runIds = RunIdReader()
                    guard let matches = audit?.payloadsMatch else {
                        return events.map { decoder.decode($0, context: context, runIds: &runIds) }
                    }
                    // (A slice keeps the batch's indices: each is its slot.)
                    return events.indices.map { slot in
                        decoder.decode(
                            events[slot], context: context, runIds: &runIds, hashMatches: &matches[slot])
                    }
                case .failure(let error): return events.map { _ in .failed(error) }
                }
            }
            audit?.chain.run { $0.map(\.recomputed) }
        }
        return LogBatch(
            entries: read.entries, decoded: batch, group: group, firstMissingPayload: read.missing.first, audit: audit)
    }

    /// One batch as read: its entries, its insights as raw events for the workers, the seqs of events whose payload
    /// is missing, and with `audits` every event as the chain walk reads it and each insight's payload row id.
    private struct Read {
        var entries: [BulkBuildEntry] = []
        var raw: [RawInsightEvent] = []
        var missing: [Int64] = []
        var chain: [ChainRow] = []
        var payloadIds: [Int64] = []
    }

    /// Up to `batchSize` events: insights as raw events for the workers, every other event read here, and the seqs
    /// of events whose payload is missing.
    private func read() throws(LedgerError) -> Read {
        var read = Read()
        read.entries.reserveCapacity(batchSize)
        while read.entries.count + read.missing.count < batchSize, try statement.step() {
            guard case .integer(let seq) = statement.value(at: 0) else {
                throw .corrupt(path: path, message: "an event has no seq")
            }
            let recordedAt: String
            let stream: String
            let meta: String?
            if audits {
                // The fields the chain hashes are read once, into the chain row.
                let row = ChainRow(reading: statement, at: Self.chainColumns, after: storedBefore)
                read.chain.append(row)
                storedBefore = row.hash
                (recordedAt, stream, meta) = (row.recordedAt, row.stream, row.meta)
            } else {
                (recordedAt, stream, meta) = (
                    statement.text(at: 4) ?? "", statement.text(at: 2) ?? "", statement.text(at: 7)
                )
            }
            if statement.int64(at: 11) != 0 {
                read.missing.append(seq)
                continue
            }
            let isInsight = statement.int64(at: 12) == EventKind.insightFetched.id
            if isInsight, case .blob(let body) = statement.value(at: 10) {
                read.entries.append(.insight(slot: read.raw.count, seq: seq, recordedAt: recordedAt))
                read.raw.append(
                    RawInsightEvent(
                        seq: seq, stream: stream, schemaVersion: Int(statement.value(at: 5).integer ?? 1),
                        meta: meta, encoding: statement.text(at: 8), dictionaryId: statement.value(at: 9).integer,
                        body: body, storedHash: audits ? PayloadDigest(stored: statement.value(at: 6)) : nil))
                if audits { read.payloadIds.append(statement.int64(at: 15)) }
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
            read.entries.append(
                .event(
                    event, seq: seq,
                    deferred: kindId == EventKind.insightVanished.id || kindId == EventKind.syncChunkCompleted.id))
        }
        return read
    }
}

@available(*, unavailable)
extension LogBatchReader: Sendable {}
