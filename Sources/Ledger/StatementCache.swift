/// Statements compiled once per connection and kept, shared by the projections of one `Projector`.
final class StatementCache {
    let connection: Connection
    private var statements: [String: Statement] = [:]

    init(connection: Connection) {
        self.connection = connection
    }

    /// The compiled form of `sql`, compiled on first use.
    func statement(_ sql: String) throws(LedgerError) -> Statement {
        if let cached = statements[sql] { return cached }
        let prepared = try connection.prepare(sql)
        statements[sql] = prepared
        return prepared
    }

    /// Runs `sql` with `values` to completion.
    func run(_ sql: String, _ values: [SQLValue]) throws(LedgerError) {
        try statement(sql).run(values)
    }
}

@available(*, unavailable)
extension StatementCache: Sendable {}
