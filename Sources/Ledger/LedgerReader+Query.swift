extension LedgerReader {
    /// Answers projection queries as the ledger knew them at `time` (a user's ISO 8601 text), or as of now
    /// when nil. Later queries on this ledger see the same point in time until called again.
    package func setAsOf(_ time: String?) throws(LedgerError) {
        if let time {
            let utc = try Timestamp.parseUserTime(time)
            try AsOfView.install(on: connection, at: utc)
            asOfTime = utc
        } else {
            try AsOfView.remove(from: connection)
            asOfTime = nil
        }
    }

    /// Runs one read-only SQL statement, calling `row` for each result row after `columns` once.
    /// Named parameters (`:name`) are bound from `parameters`.
    package func query(
        _ sql: String, parameters: [String: String] = [:], columns: ([String]) throws -> Void,
        row: ([SQLValue]) throws -> Void
    ) throws {
        try query(sql, parameters: parameters, columns: columns, cursor: { try row($0.row()) })
    }

    /// Runs one read-only SQL statement like ``query(_:parameters:columns:row:)``, but hands `cursor` the
    /// statement itself on each result row, so values are read in place (``Statement/withBytes(at:_:)``)
    /// rather than copied into `[SQLValue]`.
    package func query(
        _ sql: String, parameters: [String: String] = [:], columns: ([String]) throws -> Void,
        cursor: (Statement) throws -> Void
    ) throws {
        // A write SQLite refuses to compile (`DROP TABLE events`: events is a view) is refused as any write is.
        let prepared = Result { () throws(LedgerError) in try connection.prepare(sql) }
        if case .failure = prepared, Self.startsWithAWrite(sql) { throw Self.writeRefused }
        let statement = try prepared.get()
        guard statement.isReadOnly else { throw Self.writeRefused }
        for name in statement.parameterNames where name.count > 1 {
            if let value = parameters[String(name.dropFirst())] { try statement.bind(.text(value), named: name) }
        }
        try columns(statement.columnNames)
        while try statement.step() { try cursor(statement) }
    }

    private static let writeRefused = LedgerError.conflict(
        "the ledger cannot be changed with SQL (events are immutable, projections are rebuilt from them); use adledger's commands")

    /// True when `sql`'s first word is one that starts a statement changing the file.
    private static func startsWithAWrite(_ sql: String) -> Bool {
        let word = sql.drop { $0.isWhitespace }.prefix { $0.isLetter }.uppercased()
        return ["INSERT", "UPDATE", "DELETE", "REPLACE", "DROP", "ALTER", "CREATE", "UPSERT"].contains(word)
    }

    /// A handle that cancels the running query from another thread.
    package var interruptHandle: InterruptHandle { connection.interruptHandle }

    /// The connection, for modules of this package that render or complete over it (the shell).
    package var readConnection: Connection { connection }
}
