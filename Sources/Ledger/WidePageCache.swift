/// Sets a connection's page caches (`main` and `temp`) to a fixed size for the span of a full projection build and
/// the comparison after it, then puts them back.
///
/// A build writes every projection row and index entry, then reads them all again to compare: with the writer's
/// 32 MiB cache (or a reader's default 2 MiB, and the temp database's 2 MiB that verify's tables live in) most pages
/// are spilled to the WAL or temp file and read back. SQLite allocates cache pages only as they are used, so the
/// cap costs memory only up to the size of what the build touches.
///
/// The cap is what keeps a build's memory flat as the ledger grows: a build touches every page, so the caches fill.
/// Measured on a 200k-row ledger (`adledger-bench 200000`): 32 MiB per schema gives verify 10.3 s and 166 MB peak
/// RSS, 64 MiB 9.8 s and 228 MB, 512 MiB 8.7 s and 526 MB. Issue 12 holds peak RSS under 200 MB.
struct WidePageCache {
    /// The cap for each schema's cache, in KiB.
    static let kibibytes = 32_768

    private let connection: Connection
    /// Each schema's `cache_size` before, to put back.
    private let previous: [(schema: String, size: SQLValue)]

    /// Sets both caches of `connection` to `kibibytes`.
    init(connection: Connection, kibibytes: Int = Self.kibibytes) throws(LedgerError) {
        self.connection = connection
        var previous: [(schema: String, size: SQLValue)] = []
        for schema in ["main", "temp"] {
            previous.append((schema, try connection.scalar("PRAGMA \(schema).cache_size") ?? .null))
            try connection.execute("PRAGMA \(schema).cache_size = -\(kibibytes)")
        }
        self.previous = previous
    }

    /// Puts the caches back as they were (a failure leaves the larger cache, which is harmless).
    func restore() {
        for (schema, size) in previous {
            guard let pages = size.integer else { continue }
            try? connection.execute("PRAGMA \(schema).cache_size = \(pages)")
        }
    }
}
