/// The committed heads of streams, read through a read-only connection of its own: how the threads preparing an
/// ingest's rows find, for a whole run of rows at once, each row's stream head, so that the rows that are unchanged
/// need no normalizing or compressing and the writer no lookup of its own.
///
/// A run's heads are read in one read transaction (one snapshot, one lock round trip instead of one per row) and in
/// key order (each page of the log's UNIQUE(stream, version) index is read once per run, wherever the
/// rows' streams fall in the file; ``StreamHead/select``). Only used while the ingest's write transaction is open,
/// so the snapshot is the one that transaction started from: no other writer can commit while it holds the write
/// lock.
final class StreamHeadProbe {
    private let connection: Connection
    private let select: Statement

    /// nil when the file cannot be read this way (the writer then looks the heads up itself).
    init?(path: String) {
        guard let connection = try? Connection(path: path, mode: .readOnly),
            let select = try? connection.prepare(StreamHead.select)
        else { return nil }
        self.connection = connection
        self.select = select
    }

    /// The committed head of each of `streams`, in their order (``StreamHead/none`` for a stream with no events);
    /// nil when they cannot be read.
    func heads(of streams: [String]) -> [StreamHead]? {
        guard !streams.isEmpty else { return [] }
        // Byte order, as SQLite's BINARY collation keeps the keys (and byte equality: a stream is its bytes).
        let order = streams.indices.sorted { streams[$0].utf8.lexicographicallyPrecedes(streams[$1].utf8) }
        var heads = [StreamHead](repeating: .none, count: streams.count)
        do throws(LedgerError) {
            try connection.readSnapshot { () throws(LedgerError) in
                var previous: Int?
                for index in order {
                    // A stream met twice in a run is read once.
                    if let previous, streams[previous].utf8.elementsEqual(streams[index].utf8) {
                        heads[index] = heads[previous]
                        continue
                    }
                    heads[index] = try head(of: streams[index])
                    previous = index
                }
            }
        } catch {
            return nil
        }
        return heads
    }

    private func head(of stream: String) throws(LedgerError) -> StreamHead {
        try select.bind([.text(stream)])
        defer { select.reset() }
        guard try select.step() else { return .none }
        guard let digest = PayloadDigest(stored: select.value(at: 1)) else {
            throw .corrupt(
                path: connection.path, message: "the latest event of stream \(stream) holds a malformed payload hash")
        }
        return StreamHead(version: select.int64(at: 0), digest: digest)
    }
}

@available(*, unavailable)
extension StreamHeadProbe: Sendable {}
