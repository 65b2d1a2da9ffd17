import Foundation

/// A ledger opened for reading: queries, reports, history, as-of, status, export and verify, and nothing that
/// appends. `query`, `shell`, `report` and the other read commands hold one, so a write cannot be reached from them.
///
/// ``Ledger`` (the writer) is a `LedgerReader` too, over its read-write connection: code that only reads takes a
/// `LedgerReader` and works on either. Non-Sendable: a reader belongs to the code that opened it. A reader sees only
/// committed transactions, and a writer committing in another process does not block it (the ledger is in WAL mode).
public class LedgerReader {
    /// The file's path.
    public let path: String
    let connection: Connection
    let clock: @Sendable () -> Date
    /// The time projections answer as of (ledger UTC text), or nil for now; set by `setAsOf`.
    var asOfTime: String?

    /// Opens the ledger at `path` for reading; the file must already be a ledger at this adledger's schema (a file
    /// this process may write, at an older schema, is upgraded first: the migrations keep every event and answer).
    ///
    /// - Parameter clock: the time "now" means for drift and as-of (tests pass a fixed clock).
    public convenience init(path: String, clock: @escaping @Sendable () -> Date = { Date() })
        throws(LedgerError)
    {
        try self.init(connection: LedgerReader.openReadOnly(path), clock: clock)
    }

    /// A reader over `connection`, already opened and checked (``Ledger`` passes its writer connection).
    init(connection: Connection, clock: @escaping @Sendable () -> Date) throws(LedgerError) {
        path = connection.path
        self.connection = connection
        self.clock = clock
        try PayloadFunction.register(on: connection)
    }

    /// A read-only connection to the ledger at `path`, or, when a crashed writer left a WAL a read-only connection
    /// cannot recover and the file is writable, the one ``openRecovering(_:)`` gives after recovering it.
    private static func openReadOnly(_ path: String) throws(LedgerError) -> Connection {
        guard FileManager.default.fileExists(atPath: path) else {
            throw .notFound(
                what: "ledger \(path)", hint: "run `adledger init` or `adledger demo`, or pass --db PATH")
        }
        try upgradeIfOlder(path)
        do {
            return try checkedReader(path)
        } catch .readOnly, .cannotOpen {
            // A crashed writer can leave a WAL that a read-only connection cannot recover.
            guard access(path, W_OK) == 0 else { throw .readOnly(path: path) }
            return try openRecovering(path)
        }
    }

    /// A connection to the writable ledger at `path` after a read-write connection has recovered the WAL a crashed
    /// writer left (which a read-only connection could not): read-only when one opens now, else the recovering
    /// connection itself with writes refused (`query_only`; temp tables count as writes there, so as-of and verify
    /// cannot run on it).
    static func openRecovering(_ path: String) throws(LedgerError) -> Connection {
        let recovering = try Connection(path: path, mode: .readWrite)
        try checkReadable(recovering)  // its first read recovers the WAL
        do {
            return try checkedReader(path)
        } catch .readOnly, .cannotOpen {
            try recovering.execute("PRAGMA query_only = 1")
            return recovering
        }
    }

    /// Brings a writable ledger at an older schema to the current one before a reader opens it (the migrations keep
    /// every event and every answer), so every command works on a ledger an earlier release wrote. A file this
    /// process cannot write is left.
    private static func upgradeIfOlder(_ path: String) throws(LedgerError) {
        guard access(path, W_OK) == 0 else { return }
        let probe = try Connection(path: path, mode: .readWrite)
        let version = try SchemaMigrator.currentVersion(probe)
        guard version > 0, version < SchemaFile.latestVersion else { return }
        try Ledger.configureWriter(probe)
        try SchemaMigrator.migrate(probe)
    }

    /// A read-only connection to `path`, checked to be a ledger at this adledger's schema.
    private static func checkedReader(_ path: String) throws(LedgerError) -> Connection {
        let reader = try Connection(path: path, mode: .readOnly)
        try checkReadable(reader)
        return reader
    }

    private static func checkReadable(_ connection: Connection) throws(LedgerError) {
        let version = try SchemaMigrator.currentVersion(connection)
        guard version > 0 else {
            throw .notFound(
                what: "a ledger in \(connection.path) (the file is empty)",
                hint: "run `adledger init` to create one")
        }
        guard version == SchemaFile.latestVersion else {
            throw .conflict(
                "ledger \(connection.path) is at schema \(version), older than this adledger's \(SchemaFile.latestVersion); run any write command (e.g. `adledger status` after `adledger init`) to upgrade it"
            )
        }
    }

    /// The current time as the ledger records it.
    var now: String { Timestamp.string(from: clock()) }

    /// True when an event `match_suggestions` depends on came after its last recompute (or it never was computed).
    func suggestionsAreStale() throws(LedgerError) -> Bool {
        let (state, lastRelevant) = try suggestionsState()
        return state < lastRelevant || state < 0
    }

    /// True when `match_suggestions` holds what a recompute would give now: no event it depends on came after its
    /// last recompute, or, never computed, the log holds none (and the table nothing).
    func suggestionsAreUpToDate() throws(LedgerError) -> Bool {
        let (state, lastRelevant) = try suggestionsState()
        return max(state, 0) >= lastRelevant
    }

    /// The seq `match_suggestions` was last recomputed through (-1: never), and the last seq of an event it
    /// depends on (0: none).
    private func suggestionsState() throws(LedgerError) -> (state: Int64, lastRelevant: Int64) {
        let state =
            try connection.scalar(
                "SELECT last_seq FROM projection_state WHERE name = 'match_suggestions'")?.integer ?? -1
        // The other kinds through `event_log_kind`; insight.fetched (not in it) as the last one in seq order, which a
        // scan from the end finds at once.
        let others = EventKindIndex.ids(SuggestionBuilder.inputKinds.filter { $0 != EventKindIndex.excluded })
        let excluded = EventKindIndex.excluded
        let latestFetched =
            SuggestionBuilder.inputKinds.contains(excluded)
            ? "SELECT seq FROM event_log WHERE kind_id = \(excluded.id) ORDER BY seq DESC LIMIT 1" : "0"
        let lastRelevant =
            try connection.scalar(
                """
                SELECT max(
                    (SELECT coalesce(max(seq), 0) FROM event_log WHERE kind_id IN (\(others)) AND \(EventKindIndex.term())),
                    coalesce((\(latestFetched)), 0))
                """
            )?.integer ?? 0
        return (state, lastRelevant)
    }

    /// Frees the connection's page cache (`PRAGMA shrink_memory`); benches call it between phases.
    package func releaseCache() throws(LedgerError) { try connection.execute("PRAGMA shrink_memory") }
}

@available(*, unavailable)
extension LedgerReader: Sendable {}
