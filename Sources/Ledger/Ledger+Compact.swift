import Foundation

extension Ledger {
    /// Events copied per transaction while compacting.
    static let compactBatch = 20_000

    /// Rewrites the ledger into the current layout (`zstd-raw` payloads with dictionaries trained on up to 5,000
    /// samples of each kind, whatever encoding the source used; 32-byte hashes): the same events with the same seqs
    /// and hashes, projections rebuilt. The result is written beside its destination (`FILE.compacting`), synced
    /// and renamed into place, so a kill leaves the source untouched. Without `destination` it replaces this
    /// ledger's file; no other process may use the ledger meanwhile.
    public func compact(to destination: String? = nil) throws(LedgerError) -> CompactReport {
        let target = destination ?? path
        if let destination, FileManager.default.fileExists(atPath: destination) {
            throw .conflict(
                "\(destination) already exists; pass --to a new file, or leave --to out to compact \(path) in place")
        }
        let scratch = target + ".compacting"
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: scratch + suffix) }
        try connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        let bytesBefore = Self.fileSize(path)
        // Hold the write lock while copying: no event may be appended to the source behind the copy's back.
        try connection.execute("BEGIN IMMEDIATE")
        defer { try? connection.execute("ROLLBACK") }
        let (events, compressed) = try Self.writeCompacted(from: connection, to: scratch, clock: clock)
        try Self.syncAndRename(scratch, to: target)
        return CompactReport(
            source: path, destination: target, events: events, compressedPayloads: compressed,
            bytesBefore: bytesBefore, bytesAfter: Self.fileSize(target))
    }

    /// Writes the compacted ledger at `scratch` and closes it; returns the events copied and payloads compressed.
    private static func writeCompacted(from source: Connection, to scratch: String, clock: @escaping @Sendable () -> Date)
        throws(LedgerError) -> (Int64, Int64)
    {
        let copy = try Ledger(path: scratch, clock: clock)
        let log = try EventLog(connection: copy.connection)
        let decoder = try PayloadDecoder(connection: source)
        try copy.connection.transaction { () throws(LedgerError) in
            try log.loadTip()
            try primeDictionaries(log, from: source, decoder: decoder, now: copy.now)
        }
        let events = try source.prepare(
            """
            SELECT e.seq, k.name, e.stream, e.version, c.recorded_at, e.schema_version, p.hash, c.meta,
                   \(EventLogSQL.previousHash), e.hash, p.encoding, p.dictionary_id, p.body
            FROM \(EventLogSQL.from(keepsMissingPayloads: true)) ORDER BY e.seq
            """)
        var copied: Int64 = 0
        var more = try events.step()
        while more {
            try copy.connection.transaction { () throws(LedgerError) in
                try log.loadTip()
                var inBatch = 0
                while more && inBatch < compactBatch {
                    try log.appendCopy(try copiedEvent(events, decoder: decoder, path: source.path))
                    copied += 1
                    inBatch += 1
                    more = try events.step()
                }
            }
        }
        try copy.connection.transaction { () throws(LedgerError) in
            let lastSeq = try ProjectionBuild(connection: copy.connection, tables: .live).project()
            try ProjectionState.record(ProjectionTables.projections, through: lastSeq, on: copy.connection)
        }
        let compressed = try copy.connection.scalar("SELECT count(*) FROM payloads WHERE encoding <> 'json'")?.integer ?? 0
        // Building the projections leaves the pages of its working tables free (a quarter of the file on 50k
        // insight rows): the copy is rewritten without them before it replaces anything.
        try copy.connection.execute("VACUUM")
        try copy.connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        return (copied, compressed)
    }

    /// Trains each kind's dictionary up front from a sample of the source, so the first payloads compress too.
    private static func primeDictionaries(_ log: EventLog, from source: Connection, decoder: PayloadDecoder, now: String)
        throws(LedgerError)
    {
        let kinds = try source.rows(
            """
            SELECT k.name, count(*) FROM event_log e JOIN event_kinds k ON k.id = e.kind_id
            GROUP BY k.name ORDER BY k.name
            """)
        for row in kinds where (row[1].integer ?? 0) >= Int64(PayloadCompressor.minimumSamples) {
            guard let kind = row[0].text else { continue }
            var samples: [[UInt8]] = []
            for sample in try source.rows(
                """
                SELECT e.seq, p.encoding, p.dictionary_id, p.body FROM event_log e JOIN payloads p ON p.id = e.payload_id
                WHERE \(EventKindIndex.matching("e", kind: kind)) ORDER BY random() LIMIT ?
                """, [.integer(Int64(PayloadCompressor.trainingSamples))])
            {
                guard case .blob(let body) = sample[3] else { continue }
                samples.append(
                    try decoder.canonicalBytes(
                        encoding: sample[1].text, dictionaryId: sample[2].integer, body: body,
                        seq: sample[0].integer ?? 0))
            }
            try log.primeDictionary(kind: kind, samples: samples, now: now)
        }
    }

    /// The event at the statement's current row, its payload decoded and both hashes checked.
    private static func copiedEvent(_ row: Statement, decoder: PayloadDecoder, path: String) throws(LedgerError)
        -> CopiedEvent
    {
        let seq = row.value(at: 0).integer ?? 0
        guard case .blob(let body) = row.value(at: 12) else {
            throw .corrupt(path: path, message: "event \(seq): its payload is missing; run `adledger verify`")
        }
        let canonical = try decoder.canonicalBytes(
            encoding: row.text(at: 10), dictionaryId: row.value(at: 11).integer, body: body, seq: seq)
        let event = CopiedEvent(
            seq: seq, kind: row.text(at: 1) ?? "", stream: row.text(at: 2) ?? "", version: row.value(at: 3).integer ?? 0,
            recordedAt: row.text(at: 4) ?? "", schemaVersion: Int(row.value(at: 5).integer ?? 1),
            payloadHash: HashFormat.hex(row.value(at: 6)) ?? "", meta: row.text(at: 7),
            prevHash: seq == 1 ? EventHasher.genesis : HashFormat.hex(row.value(at: 8)) ?? "",
            hash: HashFormat.hex(row.value(at: 9)) ?? "",
            canonicalPayload: canonical)
        let chainHash = EventHasher.chainHash(
            prevHash: event.prevHash, seq: seq, kind: event.kind, stream: event.stream, version: event.version,
            recordedAt: event.recordedAt, payloadHash: event.payloadHash, meta: event.meta)
        guard EventHasher.payloadHash(canonical) == event.payloadHash, chainHash == event.hash else {
            throw .corrupt(path: path, message: "event \(seq) does not match its hash; run `adledger verify`")
        }
        return event
    }

    /// Flushes `scratch` to disk, renames it to `target` and flushes the folder, so `target` is either the old file
    /// or the whole new one.
    private static func syncAndRename(_ scratch: String, to target: String) throws(LedgerError) {
        func flush(_ path: String, flags: Int32) throws(LedgerError) {
            let descriptor = open(path, flags)
            guard descriptor >= 0 else {
                throw .cannotOpen(path: path, code: errno, message: String(cString: strerror(errno)))
            }
            defer { close(descriptor) }
            guard fsync(descriptor) == 0 else {
                throw .cannotOpen(path: path, code: errno, message: "fsync failed: \(String(cString: strerror(errno)))")
            }
        }
        try flush(scratch, flags: O_RDONLY)
        guard rename(scratch, target) == 0 else {
            throw .cannotOpen(path: target, code: errno, message: "rename failed: \(String(cString: strerror(errno)))")
        }
        try flush((target as NSString).deletingLastPathComponent.isEmpty ? "." : (target as NSString).deletingLastPathComponent, flags: O_RDONLY | O_DIRECTORY)
    }

    private static func fileSize(_ path: String) -> Int64 {
        ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? NSNumber)?.int64Value ?? 0
    }
}
