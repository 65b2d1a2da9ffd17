import Foundation
import Ledger
import MetaGraph

/// A saved Graph response file, read by MetaGraph, as a source of rows for the ledger's `ingest`.
struct SavedResponseSource: IngestSource {
    private var file: GraphSavedFile

    init(path: String) {
        file = GraphSavedFile(path: path)
    }

    var name: String { URL(fileURLWithPath: file.path).lastPathComponent }

    mutating func readAhead() { file.readAhead() }

    mutating func nextRow() throws(LedgerError) -> IngestRow? {
        do {
            guard let row = try file.nextRow() else { return nil }
            if let canonical = row.canonical {
                return IngestRow(canonical: canonical, keys: row.keys, locator: row.locator, pageAccount: row.pageAccount)
            }
            return IngestRow(value: row.value, locator: row.locator, pageAccount: row.pageAccount)
        } catch {
            guard case .savedResponse(let source, let reason) = error else {
                throw .invalidInput(source: file.path, reason: error.description)
            }
            throw .invalidInput(source: source, reason: reason)
        }
    }
}
