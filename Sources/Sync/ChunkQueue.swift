import Foundation
import Ledger

/// The chunks one account still has to fetch, handed out to its workers in order. The first failure stops
/// the hand-out (chunks already in flight finish) and is what the account reports.
///
/// `@unchecked Sendable`: `chunks`, `next` and `failure` are only touched while holding `lock`.
final class ChunkQueue: @unchecked Sendable {
    private let lock = NSLock()
    private let chunks: [SyncChunk]
    private var position = 0
    private var failure: (any Error)?

    init(_ chunks: [SyncChunk]) { self.chunks = chunks }

    /// The next chunk to fetch; nil when none is left or a worker failed.
    func next() -> SyncChunk? {
        lock.withLock {
            guard failure == nil, position < chunks.count else { return nil }
            defer { position += 1 }
            return chunks[position]
        }
    }

    /// Stops the hand-out; the first error is kept.
    func stop(_ error: any Error) {
        lock.withLock { if failure == nil { failure = error } }
    }

    /// The first error a worker stopped with, if any.
    var error: (any Error)? { lock.withLock { failure } }
}
