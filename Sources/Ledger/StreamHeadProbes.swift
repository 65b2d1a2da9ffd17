import Foundation

/// Read-only probes (``StreamHeadProbe``) lent to the threads preparing an ingest's rows, one at a time each: a
/// thread takes one for a run of rows and gives it back, and a probe is opened only when none is idle (so at most
/// one per thread that prepares at once).
///
/// `@unchecked Sendable`: a probe is used by one thread at a time (between `take()` and `give(_:)`), and the idle
/// ones are guarded by `lock`.
final class StreamHeadProbes: @unchecked Sendable {
    private let path: String
    private let lock = NSLock()
    private var idle: [StreamHeadProbe] = []

    /// Probes of the ledger file at `path`.
    init(path: String) { self.path = path }

    /// An idle probe, or a new one; nil when the file cannot be read this way.
    func take() -> StreamHeadProbe? {
        lock.lock()
        let probe = idle.popLast()
        lock.unlock()
        return probe ?? StreamHeadProbe(path: path)
    }

    /// Gives back a probe from `take()`.
    func give(_ probe: StreamHeadProbe?) {
        guard let probe else { return }
        lock.lock()
        idle.append(probe)
        lock.unlock()
    }
}
