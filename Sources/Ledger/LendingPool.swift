import Foundation

/// Objects lent to threads one at a time: a thread takes one for a run of work and gives it back, and a new one is
/// made only when none is idle (so at most one per thread working at once). An ingest lends its preparing threads
/// read-only probes of the ledger (``StreamHeadProbe``) and zstd contexts this way.
///
/// `@unchecked Sendable`: an object is used by one thread at a time (between `take()` and `give(_:)`), and the idle
/// ones are guarded by `lock`.
final class LendingPool<Item: AnyObject>: @unchecked Sendable {
    private let make: @Sendable () -> Item?
    private let lock = NSLock()
    private var idle: [Item] = []

    /// A pool that makes its objects with `make` (nil when one cannot be made).
    init(make: @escaping @Sendable () -> Item?) { self.make = make }

    /// An idle object, or a new one; nil when none can be made.
    func take() -> Item? {
        lock.lock()
        let item = idle.popLast()
        lock.unlock()
        return item ?? make()
    }

    /// Gives back an object from `take()`.
    func give(_ item: Item?) {
        guard let item else { return }
        lock.lock()
        idle.append(item)
        lock.unlock()
    }
}

/// Read-only probes of an ingest's ledger, lent to the threads preparing its rows.
typealias StreamHeadProbes = LendingPool<StreamHeadProbe>

extension LendingPool where Item == StreamHeadProbe {
    /// Probes of the ledger file at `path` (none when it cannot be read this way).
    convenience init(path: String) { self.init { StreamHeadProbe(path: path) } }
}
