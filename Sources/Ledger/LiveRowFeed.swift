/// A live table's rows, read on a connection and a thread of their own and handed to the caller gathered
/// (`Statement.gatherRow`) a chunk at a time: the walk that compares a fresh build with the live table
/// (`ProjectionMerge.runInStoredOrder`) then steps only the fresh side on the caller's connection, and the other core
/// reads the live one.
///
/// Only for a caller that holds the ledger's write lock and has not written the live tables in its transaction (a
/// rebuild): nothing can commit while it walks, so the feed's snapshot holds the same live rows as the caller's
/// connection.
final class LiveRowFeed {
    /// What the caller gets for each row asked for.
    enum Step {
        /// The next row, valid until the next call.
        case row(GatheredRow)
        /// Every row was handed over.
        case end
        /// The rows could not be read (the caller walks its own connection instead).
        case failed
    }

    /// Rows gathered one after another, and where each ends in `bytes`.
    private struct Chunk: Sendable {
        let bytes: RowBytes
        let ends: [Int]
    }

    private enum Message: Sendable {
        case rows(Chunk)
        case end
        case failed
    }

    /// About how many bytes of rows a chunk holds: a few hundred performance rows.
    static let chunkBytes = 128 * 1_024

    private let channel: BatchChannel<Message>
    private let reader: BackgroundTask<Void>
    private let columns: Int
    private let offsets: UnsafeMutableBufferPointer<Int>
    private var chunk: Chunk?
    /// The next row of `chunk` to hand over.
    private var next = 0
    /// `.end` or `.failed` once the rows ran out or could not be read: what every later step gives.
    private var finished: Step?

    /// Starts reading the rows of `query`, whose statement has `columns` columns, from the ledger at `path`.
    init(path: String, query: String, columns: Int) {
        let channel = BatchChannel<Message>(capacity: 4)
        self.channel = channel
        self.columns = columns
        offsets = .allocate(capacity: max(columns, 1))
        reader = BackgroundTask(label: "adledger.live-rows", placeholder: ()) {
            do {
                if try Self.read(path: path, query: query, columns: columns, into: channel) {
                    _ = channel.send(.end)
                }
            } catch {
                _ = channel.send(.failed)
            }
        }
    }

    deinit {
        close()
        offsets.deallocate()
    }

    /// The next row, or the end of them, or that they could not be read.
    func step() -> Step {
        while true {
            if let finished { return finished }
            if let chunk, next < chunk.ends.count {
                let start = next == 0 ? 0 : chunk.ends[next - 1]
                let bytes = UnsafeRawBufferPointer(rebasing: chunk.bytes.bytes[start..<chunk.ends[next]])
                next += 1
                guard let row = GatheredRow(bytes, columns: columns, offsets: offsets) else { return finish(.failed) }
                return .row(row)
            }
            switch channel.receive() {
            case .rows(let rows)?:
                chunk = rows
                next = 0
            case .end?:
                return finish(.end)
            case .failed?, nil:
                return finish(.failed)
            }
        }
    }

    /// Stops the reading thread (if it has not finished) and waits for it to close its connection. A step after it
    /// gives what the last one gave if the rows had run out, else `.failed`.
    func close() {
        channel.close()
        reader.wait()
        chunk = nil
        if finished == nil { finished = .failed }
    }

    private func finish(_ step: Step) -> Step {
        finished = step
        chunk = nil
        return step
    }

    /// Sends the rows in chunks; false when the caller stopped taking them.
    private static func read(path: String, query: String, columns: Int, into channel: BatchChannel<Message>)
        throws(LedgerError) -> Bool
    {
        // No waiting on a lock: a feed that cannot read at once fails, and the walk reads its own connection.
        let connection = try Connection(path: path, mode: .readOnly, busyTimeoutMilliseconds: 0)
        return try connection.readSnapshot(rollsBack: true) { () throws(LedgerError) -> Bool in
            let statement = try connection.prepare(query)
            let all = (0..<Int32(columns)).map { $0 }
            var bytes = RowBytes(capacity: chunkBytes + chunkBytes / 4)
            var ends: [Int] = []
            while try statement.step() {
                statement.gatherRow(columns: all, into: bytes)
                ends.append(bytes.count)
                guard bytes.count >= chunkBytes else { continue }
                guard channel.send(.rows(Chunk(bytes: bytes, ends: ends))) else { return false }
                bytes = RowBytes(capacity: chunkBytes + chunkBytes / 4)
                ends = []
            }
            if !ends.isEmpty { return channel.send(.rows(Chunk(bytes: bytes, ends: ends))) }
            return true
        }
    }
}

@available(*, unavailable)
extension LiveRowFeed: Sendable {}
