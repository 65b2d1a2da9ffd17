/// The last committed payload digest of streams, read through a read-only connection of its own (each lookup its
/// own read transaction, so it never holds back a checkpoint): how the threads preparing an ingest's rows tell the
/// rows that look unchanged, which they need not normalize or compress (a hint only: the writer decides from its
/// own stream heads inside its transaction).
final class StreamHeadProbe {
    private let connection: Connection
    private let select: Statement

    /// nil when the file cannot be read this way (no hints then).
    init?(path: String) {
        guard let connection = try? Connection(path: path, mode: .readOnly),
            let select = try? connection.prepare("SELECT payload_hash FROM stream_heads WHERE stream = ?")
        else { return nil }
        self.connection = connection
        self.select = select
    }

    /// The digest of `stream`'s last committed payload; nil for a stream with none (or when it cannot be read).
    func committedDigest(of stream: String) -> PayloadDigest? {
        defer { select.reset() }
        guard (try? select.bind([.text(stream)])) != nil, (try? select.step()) == true else { return nil }
        return PayloadDigest(stored: select.value(at: 0))
    }
}

@available(*, unavailable)
extension StreamHeadProbe: Sendable {}
