import Ledger

extension ResultRenderer {
    /// Runs one read-only statement on `ledger` and renders its result, reading each row in place;
    /// returns the number of rows.
    @discardableResult
    package mutating func render(_ sql: String, parameters: [String: String] = [:], on ledger: LedgerReader) throws -> Int {
        try ledger.query(sql, parameters: parameters, columns: { begin(columns: $0) }, cursor: { add($0) })
        return end()
    }
}
