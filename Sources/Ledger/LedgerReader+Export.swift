import Foundation

extension LedgerReader {
    /// Writes events as newline-delimited JSON (one ``ExportLine`` each), in seq order, streaming: memory stays
    /// flat however long the log. The whole run reads one snapshot, so it exports exactly the events after the
    /// starting seq through the last seq committed when it began.
    ///
    /// With a state file the starting seq is the file's cursor, and the cursor moves only after the output is
    /// durable (written, `fsync`ed, renamed into place): a run killed at any point and run again writes every
    /// event exactly once. Into a folder, a file a killed run had already renamed into place counts as
    /// exported (its name says which seqs it holds), so the next run goes on after it.
    package func exportEvents(
        _ request: EventExportRequest, progress: (ExportProgress) -> Void = { _ in }
    ) throws(LedgerError) -> EventExportSummary {
        try connection.readSnapshot { () throws(LedgerError) -> EventExportSummary in
            let last = try connection.scalar("SELECT coalesce(max(seq), 0) FROM event_log")?.integer ?? 0
            var after = request.afterSeq
            if let statePath = request.statePath {
                after = try startingSeq(statePath: statePath, kind: request.kind, last: last)
            }
            guard after <= last, after >= 0 else { throw .beyondLog(after: after, last: last) }
            if case .directory(let folder) = request.destination, let statePath = request.statePath {
                after = try rollForward(folder: folder, kind: request.kind, after: after, last: last)
                try saveState(statePath, kind: request.kind, through: after)
            }
            let path: String?
            switch request.destination {
            case .standardOutput: path = nil
            case .file(let file): path = file
            case .directory(let folder):
                guard after < last else {
                    return EventExportSummary(events: 0, afterSeq: after, throughSeq: last, file: nil, bytes: 0)
                }
                Self.removePartials(folder: folder, kind: request.kind)
                path =
                    URL(fileURLWithPath: folder)
                    .appendingPathComponent(
                        Self.exportFileName(kind: request.kind, after: after, through: last, gzip: request.gzip)
                    )
                    .path
            }
            let output = try ExportFile(path: path, gzip: request.gzip)
            let events = try writeEvents(request, after: after, through: last, to: output, progress: progress)
            try output.commit()
            if let statePath = request.statePath { try saveState(statePath, kind: request.kind, through: last) }
            return EventExportSummary(
                events: events, afterSeq: after, throughSeq: last, file: path, bytes: output.bytesWritten)
        }
    }

    /// The projections and views `export table` accepts, sorted.
    package func exportableTables() throws(LedgerError) -> [String] {
        let views = try connection.rows("SELECT name FROM main.sqlite_master WHERE type = 'view'").compactMap(
            \.first?.text)
        return Set(ProjectionTables.projections + views).sorted()
    }

    /// The query `export table NAME` runs: every row of one projection or view (as of the ledger's as-of time,
    /// when one is set). An unknown name throws ``LedgerError/unknownTable(_:valid:)``.
    package func exportTableSQL(_ name: String) throws(LedgerError) -> String {
        let valid = try exportableTables()
        guard valid.contains(name) else { throw .unknownTable(name, valid: valid) }
        return "SELECT * FROM \(name)"
    }

    /// The file a folder export writes for the events after `after` through `through`.
    package static func exportFileName(kind: EventKind?, after: Int64, through: Int64, gzip: Bool) -> String {
        "\(exportFilePrefix(kind: kind))\(padded(after + 1))-\(padded(through)).ndjson\(gzip ? ".gz" : "")"
    }

    private static func exportFilePrefix(kind: EventKind?) -> String { "events-\(kind?.rawValue ?? "all")-" }

    private static func padded(_ seq: Int64) -> String {
        let digits = String(seq)
        return String(repeating: "0", count: max(0, 12 - digits.count)) + digits
    }

    private func writeEvents(
        _ request: EventExportRequest, after: Int64, through: Int64, to output: ExportFile,
        progress: (ExportProgress) -> Void
    ) throws(LedgerError) -> Int {
        // The chain fields come from the log beside the reader, stepped in the same order: an event's prev_hash is
        // the hash of the one before (the genesis for the first).
        var sql = "SELECT e.seq, \(EventLogSQL.previousHash), e.hash FROM event_log e WHERE e.seq > ?"
        if let kind = request.kind { sql += " AND " + EventKindIndex.matching("e", kind: kind) }
        let chain = try connection.prepare(sql + " ORDER BY e.seq")
        try chain.bind([.integer(after)])
        var events = 0
        let every = max(1, request.progressEvery)
        try EventReader(connection: connection).forEach(after: after, kinds: request.kind.map { [$0] }) {
            (event: StoredEvent) throws(LedgerError) in
            guard try chain.step(), chain.value(at: 0).integer == event.seq,
                let prevHash = event.seq == 1 ? EventHasher.genesis : HashFormat.hex(chain.value(at: 1)),
                let hash = HashFormat.hex(chain.value(at: 2))
            else {
                throw .corrupt(path: path, message: "event \(event.seq) has no chain hashes or no payload")
            }
            try output.write(try ExportLine.bytes(event, prevHash: prevHash, hash: hash, path: path))
            events += 1
            if events % every == 0 { progress(ExportProgress(events: events, seq: event.seq, throughSeq: through)) }
        }
        progress(ExportProgress(events: events, seq: through, throughSeq: through))
        return events
    }

    /// The cursor of the state file at `statePath`, checked against this ledger: 0 when there is no file yet.
    private func startingSeq(statePath: String, kind: EventKind?, last: Int64) throws(LedgerError) -> Int64 {
        guard let state = try ExportState.load(path: statePath) else { return 0 }
        guard try hash(ofSeq: 1) == state.ledgerId else {
            throw .exportState(path: statePath, reason: "belongs to another ledger (its first event differs)")
        }
        guard state.kind == kind?.rawValue else {
            throw .exportState(
                path: statePath,
                reason:
                    "is the cursor of \(state.kind.map { "--kind \($0)" } ?? "an export of every kind"), not of this one"
            )
        }
        guard state.afterSeq <= last, try hash(ofSeq: state.afterSeq) == state.afterHash else {
            throw .exportState(
                path: statePath, reason: "is ahead of this ledger (seq \(state.afterSeq) is not the event it exported)")
        }
        return state.afterSeq
    }

    /// In a folder, a complete file that starts right after `after` was renamed into place by a run killed
    /// before it moved the cursor: those events are exported, so the cursor goes past them.
    private func rollForward(folder: String, kind: EventKind?, after: Int64, last: Int64) throws(LedgerError) -> Int64 {
        let prefix = Self.exportFilePrefix(kind: kind) + Self.padded(after + 1) + "-"
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        for name in names where name.hasPrefix(prefix) {
            let rest = name.dropFirst(prefix.count)
            guard let through = Int64(rest.prefix { $0.isNumber }), through > after,
                rest.hasSuffix(".ndjson") || rest.hasSuffix(".ndjson.gz")
            else { continue }
            guard through <= last else { throw .beyondLog(after: through, last: last) }
            return through
        }
        return after
    }

    /// Removes partial files a killed folder export left (hidden, so no loader globbing `events-*` saw them).
    private static func removePartials(folder: String, kind: EventKind?) {
        let prefix = "." + exportFilePrefix(kind: kind)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        for name in names where name.hasPrefix(prefix) && name.hasSuffix(".partial") {
            try? FileManager.default.removeItem(atPath: URL(fileURLWithPath: folder).appendingPathComponent(name).path)
        }
    }

    private func saveState(_ statePath: String, kind: EventKind?, through: Int64) throws(LedgerError) {
        guard let ledgerId = try hash(ofSeq: 1) else { return }  // an empty log: nothing exported, no cursor
        let state = ExportState(
            ledgerId: ledgerId, kind: kind?.rawValue, afterSeq: through, afterHash: try hash(ofSeq: through) ?? "")
        guard try ExportState.load(path: statePath) != state else { return }
        try state.save(path: statePath)
    }

    /// The chain hash of the event at `seq`; for seq 0, the genesis hash every chain starts from.
    private func hash(ofSeq seq: Int64) throws(LedgerError) -> String? {
        if seq == 0 { return EventHasher.genesis }
        return try connection.scalar("SELECT hash FROM event_log WHERE seq = ?", [.integer(seq)]).flatMap(HashFormat.hex)
    }
}
