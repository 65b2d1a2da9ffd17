/// Where ``Ledger/ingest(_:account:)`` takes rows from: one source (a saved file, say) is one
/// transaction, so a source with a bad row appends nothing.
public protocol IngestSource {
    /// The name recorded in the run's `sync.started` event (for a file, its last path component).
    var name: String { get }
    /// The next row, or nil after the last.
    ///
    /// - Throws: `LedgerError.invalidInput` naming what cannot be read.
    mutating func nextRow() throws(LedgerError) -> IngestRow?
}
