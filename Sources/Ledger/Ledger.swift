import Foundation

/// An adledger ledger file: the event log and the projections built from it.
///
/// Non-Sendable: one `Ledger` belongs to the code that opened it. Writers serialise through SQLite's
/// write lock (`BEGIN IMMEDIATE` with a busy timeout); readers use read-only connections and see
/// only committed transactions.
public final class Ledger {
    /// The file's path.
    public let path: String
    let connection: Connection
    let clock: @Sendable () -> Date
    /// True for readers: no command on this ledger may append.
    let isReadOnly: Bool
    /// The time projections answer as of (ledger UTC text), or nil for now; set by `setAsOf`.
    var asOfTime: String?
    private var eventLog: EventLog?
    private var liveProjector: Projector?

    /// Opens (and for writers, creates and migrates) the ledger at `path`.
    ///
    /// - Parameters:
    ///   - readOnly: open for reading only; the file must already be a ledger.
    ///   - clock: the time events are recorded at (tests pass a fixed clock).
    public init(path: String, readOnly: Bool = false, clock: @escaping @Sendable () -> Date = { Date() })
        throws(LedgerError)
    {
        self.path = path
        self.clock = clock
        if readOnly {
            guard FileManager.default.fileExists(atPath: path) else {
                throw .notFound(what: "ledger \(path)", hint: "run `adledger init` or `adledger demo`, or pass --db PATH")
            }
            try Self.upgradeIfOlder(path)
            do {
                let reader = try Connection(path: path, mode: .readOnly)
                try Self.checkReadable(reader)
                connection = reader
            } catch .readOnly, .cannotOpen {
                // A crashed writer can leave a WAL that a read-only connection cannot recover. When the file is
                // writable, open it read-write but refuse writes (query_only), so SQLite can recover it.
                guard access(path, W_OK) == 0 else { throw .readOnly(path: path) }
                let recovering = try Connection(path: path, mode: .readWrite)
                try Self.checkReadable(recovering)
                try recovering.execute("PRAGMA query_only = 1")
                connection = recovering
            }
            isReadOnly = true
        } else {
            connection = try Connection(path: path, mode: .readWrite)
            try Self.configureWriter(connection)
            try SchemaMigrator.migrate(connection)
            isReadOnly = false
        }
        try PayloadFunction.register(on: connection)
    }

    /// Brings a writable ledger at an older schema to the current one before a reader opens it (the migrations only
    /// add), so every command works on a ledger an earlier release wrote. A file this process cannot write is left.
    private static func upgradeIfOlder(_ path: String) throws(LedgerError) {
        guard access(path, W_OK) == 0 else { return }
        let probe = try Connection(path: path, mode: .readWrite)
        let version = try SchemaMigrator.currentVersion(probe)
        guard version > 0, version < SchemaFile.latestVersion else { return }
        try configureWriter(probe)
        try SchemaMigrator.migrate(probe)
    }

    private static func checkReadable(_ connection: Connection) throws(LedgerError) {
        let version = try SchemaMigrator.currentVersion(connection)
        guard version > 0 else {
            throw .notFound(what: "a ledger in \(connection.path) (the file is empty)", hint: "run `adledger init` to create one")
        }
        guard version == SchemaFile.latestVersion else {
            throw .conflict(
                "ledger \(connection.path) is at schema \(version), older than this adledger's \(SchemaFile.latestVersion); run any write command (e.g. `adledger status` after `adledger init`) to upgrade it")
        }
    }

    private static func configureWriter(_ connection: Connection) throws(LedgerError) {
        // Refuse foreign files before touching them (journal_mode would write to them).
        _ = try SchemaMigrator.currentVersion(connection)
        try connection.execute(
            """
            PRAGMA journal_mode = WAL;
            PRAGMA synchronous = FULL;
            PRAGMA cache_size = -32768;
            """)
    }

    /// The current time as the ledger records it.
    var now: String { Timestamp.string(from: clock()) }

    /// Runs `body` in one write transaction: events it records and their projection updates commit
    /// together or not at all. The projector's caches start empty in each transaction, so what other
    /// processes committed between two transactions (a `brand link` during a long sync) is seen.
    @discardableResult
    func write<T>(_ body: (LedgerWriter) throws(LedgerError) -> T) throws(LedgerError) -> T {
        guard !isReadOnly else { throw .readOnly(path: path) }
        let log: EventLog
        if let eventLog { log = eventLog } else { log = try EventLog(connection: connection) }
        let projector = liveProjector ?? Projector(connection: connection, tables: .live)
        eventLog = log
        liveProjector = projector
        return try connection.transaction { () throws(LedgerError) -> T in
            try log.loadTip()
            projector.startTransaction()
            let writer = LedgerWriter(log: log, projector: projector, now: now)
            let value = try body(writer)
            try ProjectionState.record(ProjectionState.incremental, through: log.tip, on: connection)
            return value
        }
    }

    /// Brings `match_suggestions` up to date if anything it depends on changed.
    public func refreshSuggestions() throws(LedgerError) { try refreshSuggestionsIfStale() }

    /// True when an event `match_suggestions` depends on came after its last recompute.
    func suggestionsAreStale() throws(LedgerError) -> Bool {
        let state = try connection.scalar(
            "SELECT last_seq FROM projection_state WHERE name = 'match_suggestions'")?.integer ?? -1
        let lastRelevant = try connection.scalar(
            "SELECT coalesce(max(seq), 0) FROM events WHERE kind IN (\(SuggestionBuilder.inputKindsSQL))")?.integer ?? 0
        return state < lastRelevant || state < 0
    }

    func refreshSuggestionsIfStale() throws(LedgerError) {
        guard try suggestionsAreStale() else { return }
        try connection.transaction { () throws(LedgerError) in
            let lastSeq = try connection.scalar("SELECT coalesce(max(seq), 0) FROM events")?.integer ?? 0
            try SuggestionBuilder(connection: connection, tables: .live).rebuild()
            try ProjectionState.record(["match_suggestions"], through: lastSeq, on: connection)
        }
    }
}

@available(*, unavailable)
extension Ledger: Sendable {}

