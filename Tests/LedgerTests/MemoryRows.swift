@testable import Ledger

/// Rows handed to the ledger in memory, as a saved file's reader would hand them, under the source name `name`.
struct MemoryRows: IngestSource {
    var name = "memory"
    var rows: [IngestRow]

    mutating func nextRow() throws(LedgerError) -> IngestRow? { rows.isEmpty ? nil : rows.removeFirst() }
}
