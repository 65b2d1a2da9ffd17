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
/// `@unchecked Sendable`: the connection is opened, used and closed by the checkpointing task alone; `requested` and
/// `stopping` are guarded by `condition`; `task` is set and read only by the one thread that calls ``start()`` and
/// ``stop()`` (the writer's).
final class WALCheckpointer: @unchecked Sendable {
    private let path: String
    private let condition = NSCondition()
    /// Guarded by `condition`.
    private var requested = false
    private var stopping = false
    /// The checkpointing task, once started: its value is how many checkpoints it completed.
    private var task: BackgroundTask<Int>?

    /// A checkpointer of the ledger file at `path`; call ``start()``.
    init(path: String) { self.path = path }

    /// Starts the checkpointing task on a thread of its own.
    func start() {
        guard task == nil else { return }
        task = BackgroundTask(label: "adledger.checkpoint", placeholder: 0) { [self] in run() }
    }

    /// Asks for a checkpoint of what is committed now (a request made while one runs starts another after it).
    func request() {
        condition.lock()
        requested = true
        condition.broadcast()
        condition.unlock()
    }

    /// Stops the task once it has run the checkpoint asked for last, and waits for it (so the writer's next
    /// checkpoint finds the WAL free and little left to copy); returns how many checkpoints it completed.
    @discardableResult
    func stop() -> Int {
        condition.lock()
        stopping = true
        condition.broadcast()
        condition.unlock()
        return task?.wait() ?? 0
    }

    /// Runs each requested checkpoint until stopped; returns how many completed.
    private func run() -> Int {
        // Opened on this thread; the file's journal mode (WAL) is persistent. Synced as the writer's.
        guard let connection = try? Connection(path: path, mode: .readWrite) else { return 0 }
        try? connection.execute("PRAGMA synchronous = FULL")
        var completed = 0
        while waitForRequest() {
            if (try? connection.checkpointPassively()) != nil { completed += 1 }
        }
        return completed
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
