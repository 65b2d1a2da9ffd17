import Foundation

/// Checkpoints a ledger's WAL on a thread and connection of its own while an ingest appends, so the pages its
/// commits leave in the WAL are copied into the file beside the writer instead of on its thread.
///
/// Each ``request()`` (made after a commit) runs one passive checkpoint (``Connection/checkpointPassively()``), which
/// never waits for nor blocks the writer: it copies the frames committed when it starts and leaves the rest for the
/// next one. Durability is the writer's as before: a commit is durable when its WAL frames are synced
/// (`synchronous = FULL`), and a checkpoint only copies frames already committed (syncing the WAL before, and the
/// file after). The writer's own automatic checkpoint stays on: it finds little left to copy, and restarts the WAL.
///
/// `@unchecked Sendable`: the connection is opened, used and closed by the checkpointing thread alone; everything
/// else the threads share is guarded by `condition`.
final class WALCheckpointer: @unchecked Sendable {
    private let path: String
    private let condition = NSCondition()
    /// Guarded by `condition`.
    private var requested = false
    private var stopping = false
    private var running = false
    private var started = false
    private var completed = 0

    /// A checkpointer of the ledger file at `path`; call ``start()``.
    init(path: String) { self.path = path }

    /// Starts the checkpointing thread.
    func start() {
        condition.lock()
        defer { condition.unlock() }
        guard !started else { return }
        started = true
        running = true
        let thread = Thread { [self] in run() }
        thread.name = "adledger.checkpoint"
        thread.start()
    }

    /// Asks for a checkpoint of what is committed now (a request made while one runs starts another after it).
    func request() {
        condition.lock()
        requested = true
        condition.broadcast()
        condition.unlock()
    }

    /// Stops the thread once it has run the checkpoint asked for last, and waits for it (so the writer's next
    /// checkpoint finds the WAL free and little left to copy); returns how many checkpoints it completed.
    @discardableResult
    func stop() -> Int {
        condition.lock()
        defer { condition.unlock() }
        stopping = true
        condition.broadcast()
        while running { condition.wait() }
        return completed
    }

    private func run() {
        // Opened on this thread; the file's journal mode (WAL) is persistent. Synced as the writer's.
        let connection = try? Connection(path: path, mode: .readWrite)
        try? connection?.execute("PRAGMA synchronous = FULL")
        while let connection, waitForRequest() {
            let done = (try? connection.checkpointPassively()) != nil
            condition.lock()
            if done { completed += 1 }
            condition.unlock()
        }
        condition.lock()
        running = false
        condition.broadcast()
        condition.unlock()
    }

    /// Waits for a request; false once stopping with none left.
    private func waitForRequest() -> Bool {
        condition.lock()
        defer { condition.unlock() }
        while !requested && !stopping { condition.wait() }
        guard requested else { return false }
        requested = false
        return true
    }
}
