import Foundation

/// An adledger ledger file opened for writing: the event log and the projections built from it.
///
/// Every read of ``LedgerReader`` works on a `Ledger` too, over the same connection (a writer reads its own
/// writes); only a `Ledger` can append. Non-Sendable (as a `LedgerReader`): one `Ledger` belongs to the code
/// that opened it. Writers serialise through SQLite's write lock (`BEGIN IMMEDIATE` with a busy timeout).
public final class Ledger: LedgerReader {
    private var eventLog: EventLog?
    private var liveProjector: Projector?
    /// What this ledger's events changed of `match_suggestions`' inputs since it was last up to date (nil until a
    /// write transaction finds it so).
    private var suggestionInputs: SuggestionInputs?
    /// How many times this ledger brought `match_suggestions` up to date by rewriting every row, and by rewriting
    /// only the rows of the ads its insights wrote (tests count them).
    private(set) var suggestionRefreshes = (whole: 0, byAd: 0)
    /// Whether a write transaction's start waits for a payload dictionary still being trained
    /// (``PayloadCompressor/waitsForTrainings``); an ingest's files do not, its last write does.
    var waitsForTrainings = true

    /// Opens the ledger at `path`, creating and migrating it to this adledger's schema.
    ///
    /// - Parameter clock: the time events are recorded at (tests pass a fixed clock).
    public init(path: String, clock: @escaping @Sendable () -> Date = { Date() }) throws(LedgerError) {
        let connection = try Connection(path: path, mode: .readWrite)
        try Self.configureWriter(connection)
        try SchemaMigrator.migrate(connection)
        try super.init(connection: connection, clock: clock)
    }

    /// Puts a read-write connection in WAL mode with durable commits, after checking the file is a ledger (or empty).
    static func configureWriter(_ connection: Connection) throws(LedgerError) {
        // Refuse foreign files before touching them (journal_mode would write to them).
        _ = try SchemaMigrator.currentVersion(connection)
        // A new file gets 8 KiB pages (an existing one keeps its size: the pragma changes nothing once the file has
        // pages). A performance row takes ~300 bytes, and a 4 KiB page holds 13 of them with ~200 bytes left over:
        // on the 200k bench 8 KiB pages saved ~15 bytes per version for the same ingest CPU (15.3 vs 15.0 s), and
        // 16 KiB pages 2 bytes more for 10 % more CPU in ingest, rebuild and verify.
        try connection.execute(
            """
            PRAGMA page_size = \(Self.pageSize);
            PRAGMA journal_mode = WAL;
            PRAGMA synchronous = FULL;
            PRAGMA cache_size = -32768;
            """)
    }

    /// The page size a new ledger file is created with.
    static let pageSize = 8_192

    /// Runs `body` in one write transaction: events it records and their projection updates commit
    /// together or not at all. The projector's caches start empty in each transaction, so what other
    /// processes committed between two transactions (a `brand link` during a long sync) is seen.
    @discardableResult
    func write<T>(_ body: (LedgerWriter) throws(LedgerError) -> T) throws(LedgerError) -> T {
        let log: EventLog
        if let eventLog { log = eventLog } else { log = try EventLog(connection: connection) }
        let projector = liveProjector ?? Projector(connection: connection, tables: .live)
        eventLog = log
        liveProjector = projector
        log.waitsForTrainings = waitsForTrainings
        let value = try connection.transaction { () throws(LedgerError) -> T in
            try log.loadTip()
            projector.startTransaction()
            try trackSuggestionInputs(from: log.tip, projector: projector)
            let writer = LedgerWriter(log: log, projector: projector, now: now)
            let value = try body(writer)
            try ProjectionState.record(ProjectionState.incremental, through: log.tip, on: connection)
            return value
        }
        suggestionInputs?.committed(at: log.tip)
        return value
    }

    /// Starts noting what the transaction that found the log's tip at `tip` changes of `match_suggestions`' inputs:
    /// on from the last transaction, or from here when the table is up to date now.
    private func trackSuggestionInputs(from tip: Int64, projector: Projector) throws(LedgerError) {
        if let suggestionInputs {
            suggestionInputs.transactionStarted(at: tip)
        } else if try suggestionsAreUpToDate() {
            suggestionInputs = SuggestionInputs(tip: tip)
        }
        projector.suggestionInputs = suggestionInputs
    }

    /// Brings `match_suggestions` up to date if anything it depends on changed.
    public func refreshSuggestions() throws(LedgerError) { try refreshSuggestionsIfStale() }

    /// Brings `match_suggestions` up to date if anything it depends on changed: only the rows of the ads this
    /// ledger's insights wrote, when nothing else changed since it was last up to date (``SuggestionInputs``), else
    /// every row.
    func refreshSuggestionsIfStale() throws(LedgerError) {
        guard try suggestionsAreStale() else { return }
        let tip = try connection.transaction { () throws(LedgerError) -> Int64 in
            let lastSeq = try connection.scalar("SELECT coalesce(max(seq), 0) FROM event_log")?.integer ?? 0
            let builder = SuggestionBuilder(connection: connection, tables: .live)
            if let suggestionInputs, suggestionInputs.coversLog(through: lastSeq) {
                try builder.refresh(ads: suggestionInputs.ads)
                suggestionRefreshes.byAd += 1
            } else {
                try builder.rebuild()
                suggestionRefreshes.whole += 1
            }
            try ProjectionState.record(["match_suggestions"], through: lastSeq, on: connection)
            return lastSeq
        }
        suggestionInputs = SuggestionInputs(tip: tip)
    }
}
