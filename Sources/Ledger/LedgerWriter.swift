/// Records events inside one write transaction, projecting each as it is appended.
struct LedgerWriter {
    let log: EventLog
    let projector: Projector
    /// The time this transaction records events at.
    let now: String

    /// Appends `event` and applies it to the projections.
    @discardableResult
    func record(_ event: NewEvent) throws(LedgerError) -> StoredEvent {
        let stored = try log.append(event, now: now)
        try projector.apply(stored)
        return stored
    }

    /// Appends `event` only when its stream's latest payload differs; nil when unchanged.
    func recordIfChanged(_ event: NewEvent) throws(LedgerError) -> StoredEvent? {
        guard let stored = try log.appendIfChanged(event, now: now) else { return nil }
        try projector.apply(stored)
        return stored
    }

    /// Appends a prepared insight row unless its stream's latest payload is the same; nil when unchanged. Its values
    /// normalized ahead are used when the projection would normalize with the same currency and attribution.
    func recordIfChanged(_ prepared: PreparedInsight) throws(LedgerError) -> StoredEvent? {
        guard
            let stored = try log.appendIfChanged(
                prepared.event, canonical: prepared.canonical, digest: prepared.digest, now: now,
                compressed: prepared.compressed, committed: prepared.committed)
        else { return nil }
        try projector.apply(
            stored, normalized: prepared.normalized, deferredPayload: prepared.rowIsDeferred ? prepared.canonical : nil)
        return stored
    }

    /// Runs `body` (insight appends) keeping the report summaries up to date once at its end rather than row by
    /// row (``Projector/batchingSummaries(_:)``).
    func batchingSummaries<T>(_ body: () throws(LedgerError) -> T) throws(LedgerError) -> T {
        try projector.batchingSummaries(body)
    }

    /// The latest version and payload hash of a stream.
    func head(of stream: String) throws(LedgerError) -> (version: Int64, payloadHash: String)? {
        try log.head(of: stream)
    }
}
