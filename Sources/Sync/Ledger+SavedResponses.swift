import Ledger

extension Ledger {
    /// Appends the rows of saved Graph insight responses (pages, arrays of rows, or JSON lines; see
    /// `GraphSavedFile`). Each file is one transaction: a file with a bad row appends nothing and the
    /// error names the file and the row; files before it stay committed.
    ///
    /// - Parameter account: the `--account` given; rows' own `account_id` must agree with it.
    public func ingest(files: [String], account: String?) throws(LedgerError) -> IngestSummary {
        try ingest(files.map(SavedResponseSource.init(path:)), account: account)
    }
}
