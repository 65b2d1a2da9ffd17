/// Brings a ledger file to the newest schema, refusing files that are not ledgers.
enum SchemaMigrator {
    /// `PRAGMA application_id` of every adledger ledger: "adlg".
    static let applicationId: Int64 = 0x6164_6C67

    /// The schema version the file is at after migrating.
    @discardableResult
    static func migrate(_ connection: Connection) throws(LedgerError) -> Int {
        let current = try currentVersion(connection)
        guard current < SchemaFile.latestVersion else { return current }
        try connection.transaction { () throws(LedgerError) in
            // Re-read inside the write lock: another process may have migrated meanwhile.
            let locked = try currentVersion(connection)
            if locked == 0 {
                try connection.execute(
                    """
                    PRAGMA application_id = \(applicationId);
                    CREATE TABLE IF NOT EXISTS schema_migrations (
                        version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL);
                    """)
            }
            for file in SchemaFile.all where file.version > locked {
                try connection.execute(file.sql)
                try connection.prepare("INSERT INTO schema_migrations VALUES (?, ?, strftime('%Y-%m-%dT%H:%M:%fZ'))")
                    .run([.integer(Int64(file.version)), .text(file.name)])
            }
            try connection.execute("PRAGMA user_version = \(SchemaFile.latestVersion)")
        }
        return SchemaFile.latestVersion
    }

    /// The file's schema version: 0 for an empty file; throws for a file that is not a ledger or is newer.
    static func currentVersion(_ connection: Connection) throws(LedgerError) -> Int {
        let appId = try connection.scalar("PRAGMA application_id")?.integer ?? 0
        let userVersion = Int(try connection.scalar("PRAGMA user_version")?.integer ?? 0)
        let objects = try connection.scalar("SELECT count(*) FROM sqlite_master")?.integer ?? 0
        if appId == 0 && objects == 0 { return 0 }
        guard appId == applicationId else { throw .notALedger(path: connection.path) }
        guard userVersion <= SchemaFile.latestVersion else {
            throw .newerSchema(path: connection.path, found: userVersion, known: SchemaFile.latestVersion)
        }
        return userVersion
    }
}
