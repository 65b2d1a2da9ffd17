import Foundation

/// Verify's checks of the log itself, which need no projection: SQLite's `integrity_check`, the hash chain, the
/// payloads' hashes and the payload dictionaries' hashes (a stream's head is read from the log itself, so there is
/// no copy of it to check). An event whose payload is missing is found by the projections' replay, which joins
/// every event to its payload anyway. `verify` runs them on a connection of their own, on another thread, while
/// its own connection re-derives the projections; that replay hashes the chain rows and insight payloads it reads
/// (see `LogAudit`), so the walks here check only what it did not confirm.
struct LogCheck: Sendable {
    /// What the checks found.
    struct Outcome: Sendable {
        /// `integrity_check`'s findings when the file is damaged (nothing else was checked then).
        var damage: String?
        var events: Int64 = 0
        var payloads: Int64 = 0
        var problems: [String] = []
    }

    /// Runs every check on `connection`, stopping at damage. With `audit`, the chain and payload walks wait for what
    /// the projections' replay confirmed and check the rest.
    static func run(on connection: Connection, audit: LogAudit? = nil) throws(LedgerError) -> Outcome {
        var outcome = Outcome()
        // integrity_check, not quick_check: a damaged row whose index entries still hold its old values passes
        // quick_check, and the projection comparison (which walks tables in index order) can read the old values
        // from the index, while a user's query through another index reads the new ones. Its extra cost (~1 s of
        // CPU per 200k versions) goes mostly into time the projections' build leaves a core idle (see `start`).
        let check = try connection.rows("PRAGMA integrity_check(3)").compactMap { $0.first?.text }
        if check != ["ok"] {
            // SQLite may put several findings, and a "*** in database main ***" header, in one row.
            let findings = check.flatMap { $0.split(separator: "\n") }.map { $0.trimmingCharacters(in: .whitespaces) }
                .filter { !$0.isEmpty && !$0.hasPrefix("*** in database") }
            outcome.damage = "the SQLite file is damaged: \(findings.prefix(3).joined(separator: "; "))"
            return outcome
        }
        // 1. The chain, and 2. the payloads: hashed on every core, checked in order, after what the replay confirmed.
        let confirmed = audit?.wait() ?? LogAudit.Confirmed()
        let chain = try ChainWalk(connection: connection, confirmed: (confirmed.seq, confirmed.hash)).run()
        outcome.events = chain.events
        outcome.problems += chain.problem.map { [$0] } ?? []
        let payloadWalk = try PayloadWalk(connection: connection, confirmed: confirmed.payloads).run()
        outcome.payloads = payloadWalk.payloads
        outcome.problems += payloadWalk.problem.map { [$0] } ?? []
        // 3. The dictionaries, which are content-addressed like payloads: a changed byte that no payload's frame
        // refers to decodes every payload as before, and would otherwise pass.
        outcome.problems += try alteredDictionaries(on: connection)
        return outcome
    }

    /// A problem for each dictionary whose body no longer has the SHA-256 it was stored under.
    static func alteredDictionaries(on connection: Connection) throws(LedgerError) -> [String] {
        var problems: [String] = []
        for row in try connection.rows("SELECT id, kind, hash, body FROM payload_dictionaries ORDER BY id") {
            // (A body that is no longer a blob is altered too: its bytes as text give another digest.)
            let body: [UInt8] =
                switch row[3] {
                case .blob(let bytes): bytes
                case .text(let text): Array(text.utf8)
                default: []
                }
            let digest = body.withUnsafeBytes { PayloadDigest(of: $0) }
            if PayloadDigest(stored: row[2]) != digest {
                problems.append(
                    "payload dictionary \(row[0].plainText) (\(row[1].plainText)): its body does not match its hash"
                        + " (the dictionary was altered)")
            }
        }
        return problems
    }

    /// Starts the checks on a read-only connection of their own to `path`; nil when one cannot be opened (the caller
    /// then runs them on its own connection).
    ///
    /// Their thread yields the cores to the projections' build: the build's replay keeps both cores busy, and its
    /// later steps (the summaries, the comparison) leave one idle much of the time, which the checks then take. When
    /// the two shared the cores evenly, verify took 4.50–4.85 s at 200k versions; with the checks yielding, 3.60–4.36 s
    /// (alternating runs on one ledger, 2 cores; `adledger-bench` measures verify as a whole).
    static func start(path: String, audit: LogAudit) -> BackgroundTask<Result<Outcome, LedgerError>>? {
        guard let connection = try? Connection(path: path, mode: .readOnly) else { return nil }
        // The connection moves to the task's thread and is used only there.
        nonisolated(unsafe) let owned = connection
        return BackgroundTask(label: "adledger.verify-log", placeholder: .success(Outcome()), yieldsCores: true) {
            Result { () throws(LedgerError) in try run(on: owned, audit: audit) }
        }
    }
}
