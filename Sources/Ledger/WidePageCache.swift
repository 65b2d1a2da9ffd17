/// Sets a connection's page caches (`main` and `temp`) to a fixed size for the span of a full projection build and
/// the comparison after it, then puts them back.
///
/// A build writes every projection row and index entry, then reads them all again to compare: with the writer's
/// 32 MiB cache (or a reader's default 2 MiB, and the temp database's 2 MiB that verify's tables live in) most pages
/// are spilled to the WAL or temp file and read back. SQLite allocates cache pages only as they are used, so the
/// cap costs memory only up to the size of what the build touches.
///
/// The caps are what keep a build's memory flat as the ledger grows: a build touches every page, so the caches fill.
/// Measured with `adledger verify` and `rebuild` on a 200k-row ledger (`adledger-bench 200000 keep`), 2 cores:
///
/// | main / temp cache | verify | rebuild `--dry-run` |
/// |---|---|---|
/// | 512 / 512 MiB | 8.7 s, 526 MB peak RSS | |
/// | 64 / 64 MiB | 9.8 s, 228 MB | |
/// | 32 / 32 MiB | 8.9 s, 173 MB | 7.7 s, 138 MB |
/// | 16 / 32 MiB | 8.8 s, 129 MB | 6.7 s, 87 MB |
/// | 16 / 16 MiB | 9.1 s, 124 MB | |
///
/// The main cache also sets how much a sort (the summaries' builds) holds in memory before it spills; a larger one
/// bought no time. Issue 12 holds peak RSS under 200 MB at a million rows.
struct WidePageCache {
    /// The cap for the `main` schema's cache (the log, the live tables, a rebuild's fresh tables), in KiB.
    static let mainKibibytes = 16_384
    /// The cap for the cache of the connection that reads the log beside the build (rebuild and verify), in KiB. It
    /// reads events in seq order and looks their payloads up by hash; at a million rows its cache fills like the
    /// others, so it is kept to half of `main`'s (16 MiB put verify's peak RSS at 195 MB at 1M rows).
    static let logReaderKibibytes = 8_192
    /// The cap for the `temp` schema's cache (verify's tables), in KiB.
    static let tempKibibytes = 32_768

    private let connection: Connection
    /// Each schema's `cache_size` before, to put back.
    private let previous: [(schema: String, size: SQLValue)]

    /// Sets both caches of `connection` to their caps.
    init(connection: Connection) throws(LedgerError) {
        self.connection = connection
        var previous: [(schema: String, size: SQLValue)] = []
        for schema in ["main", "temp"] {
            previous.append((schema, try connection.scalar("PRAGMA \(schema).cache_size") ?? .null))
            try connection.execute(
                "PRAGMA \(schema).cache_size = -\(schema == "main" ? Self.mainKibibytes : Self.tempKibibytes)")
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
