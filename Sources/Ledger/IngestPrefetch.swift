import Foundation

/// Reads the rows of an ingest's sources, in order, on a thread of its own, a few batches ahead of the writer: the
/// next file is read and parsed while the writer still appends the one before.
///
/// `@unchecked Sendable`: the sources' readers are called only by the reading thread once ``start()`` ran (the caller
/// hands the sources over), and everything the two threads share is guarded by `condition`.
final class IngestPrefetch: @unchecked Sendable {
    /// Reads one source (a subclass holds it, so the reading thread needs no generic parameter).
    class Reader {
        /// The next row, nil after the last, or the error reading it (``IngestSource/nextRow()``).
        func next() -> Result<IngestRow?, LedgerError> { .success(nil) }
        /// ``IngestSource/readAhead()``.
        func readAhead() {}
    }

    /// A reader of each source, which it takes over.
    static func readers<Source: IngestSource>(of sources: [Source]) -> [Reader] {
        sources.map { SourceReader($0) }
    }

    /// The reader of one source of a concrete type, which it takes over.
    final class SourceReader<Source: IngestSource>: Reader {
        private var source: Source

        init(_ source: Source) { self.source = source }

        override func readAhead() { source.readAhead() }

        override func next() -> Result<IngestRow?, LedgerError> {
            do throws(LedgerError) {
                return .success(try source.nextRow())
            } catch {
                return .failure(error)
            }
        }
    }
    /// Rows of one source, or the error reading it gave (after its rows before it).
    typealias Batch = [Result<IngestRow, LedgerError>]

    /// Guarded by being touched only by the reading thread; each is dropped once read (with the rows it holds).
    private var sources: [Reader?]
    /// Touched only by the reading thread: the sources before this one were read ahead (``put(_:of:)``).
    private var readAheadUpTo = 0
    private let batchSize: Int
    /// Batches read and not yet taken, at most `depth` of them.
    private let depth: Int
    private let condition = NSCondition()
    /// Guarded by `condition`: per source, its batches read and not yet taken; nil once its last batch was taken.
    private var queued: [[Batch]]
    private var finished: [Bool]
    private var queuedCount = 0
    private var stopped = false

    init(_ sources: [Reader], batchSize: Int, depth: Int = 2) {
        self.sources = sources
        self.batchSize = batchSize
        self.depth = depth
        sourceCount = sources.count
        queued = Array(repeating: [], count: sources.count)
        finished = Array(repeating: false, count: sources.count)
    }

    /// How many sources it reads.
    let sourceCount: Int

    /// Starts reading on a thread of its own.
    func start() {
        let thread = Thread { [self] in read() }
        thread.name = "adledger.ingest.read"
        thread.start()
    }

    /// Stops the reading thread soon (the rows not taken are dropped).
    func stop() {
        condition.lock()
        stopped = true
        condition.broadcast()
        condition.unlock()
    }

    /// The next batch of source `index`, waiting for it to be read; nil after its last one.
    func next(of index: Int) -> Batch? {
        condition.lock()
        defer { condition.unlock() }
        while queued[index].isEmpty && !finished[index] { condition.wait() }
        return takeQueued(of: index)
    }

    /// The next batch of source `index` if it was read already (nil when not yet, or after its last one).
    func nextIfRead(of index: Int) -> Batch? {
        condition.lock()
        defer { condition.unlock() }
        return takeQueued(of: index)
    }

    /// Takes source `index`'s oldest queued batch, if any, making room for the reading thread; call holding
    /// `condition`.
    private func takeQueued(of index: Int) -> Batch? {
        guard !queued[index].isEmpty else { return nil }
        queuedCount -= 1
        condition.broadcast()
        return queued[index].removeFirst()
    }

    private func read() {
        for index in sources.indices {
            var batch: Batch = []
            batch.reserveCapacity(batchSize)
            var failed = false
            reading: while !failed, let source = sources[index] {
                switch source.next() {
                case .success(let row?): batch.append(.success(row))
                case .success(nil): break reading
                case .failure(let error):
                    batch.append(.failure(error))
                    failed = true
                }
                if batch.count == batchSize || failed {
                    guard put(batch, of: index) else { return }
                    batch = []
                    batch.reserveCapacity(batchSize)
                }
            }
            sources[index] = nil
            if !batch.isEmpty { guard put(batch, of: index) else { return } }
            condition.lock()
            finished[index] = true
            condition.broadcast()
            condition.unlock()
            // The run stops at a source that fails: nothing after it is read.
            if failed { break }
        }
        condition.lock()
        for index in finished.indices { finished[index] = true }
        condition.broadcast()
        condition.unlock()
    }

    /// Queues a batch, waiting while `depth` are queued; false once stopped.
    ///
    /// The first time it would wait while reading a source, it reads the next one ahead first
    /// (``IngestSource/readAhead()``): a saved page is read and canonicalised whole when its first row is asked for,
    /// which otherwise began only once the source before it was all queued, so the preparing threads waited for it at
    /// every file's end.
    private func put(_ batch: Batch, of index: Int) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        while queuedCount >= depth && !stopped {
            let next = index + 1
            if next < sources.count, readAheadUpTo <= next {
                readAheadUpTo = next + 1
                condition.unlock()
                sources[next]?.readAhead()
                condition.lock()
                continue
            }
            condition.wait()
        }
        guard !stopped else { return false }
        queued[index].append(batch)
        queuedCount += 1
        condition.broadcast()
        return true
    }
}
