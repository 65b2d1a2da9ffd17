/// Where ``Ledger/ingest(_:account:)`` takes rows from: one source (a saved file, say) is one
/// transaction, so a source with a bad row appends nothing.
public protocol IngestSource {
    /// The name recorded in the run's `sync.started` event (for a file, its last path component).
    var name: String { get }
    /// The next row, or nil after the last.
    ///
    /// - Throws: `LedgerError.invalidInput` naming what cannot be read.
    mutating func nextRow() throws(LedgerError) -> IngestRow?

    /// Does ahead of time what the first ``nextRow()`` would wait for (a saved page is read and canonicalised whole
    /// then), keeping anything that goes wrong for ``nextRow()`` to throw in its turn. Ingest calls it on the next
    /// source while the rows it read of the current one wait to be taken. The default does nothing.
    mutating func readAhead()
}

extension IngestSource {
    public mutating func readAhead() {}
}
