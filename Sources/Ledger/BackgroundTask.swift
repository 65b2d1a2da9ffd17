import Dispatch
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Work started on another thread now, whose result `wait()` returns (blocking until it is done).
///
/// `@unchecked Sendable`: the result is written once, by the task, before it leaves the `DispatchGroup`, and read only
/// after `wait()` waited on the group, which orders the write before the read.
final class BackgroundTask<Value: Sendable>: @unchecked Sendable {
    /// How much a `yieldsCores` task's thread raises its nice value (Linux's scale: 0 to 19).
    static var yieldingNiceness: Int32 { 10 }

    private let group = DispatchGroup()
    private var value: Value

    /// Starts `work` on a queue of its own; `placeholder` is held until the work stores its result.
    ///
    /// With `yieldsCores`, the work runs on a thread of its own whose nice value it raises by `yieldingNiceness`
    /// first (Linux keeps a nice value per thread; elsewhere the work runs as it is): the scheduler then gives the
    /// process's other threads a core first, and this one the time they leave idle. For work that only has to be
    /// done by the time the caller waits for it (verify's checks of the log, beside the projections' replay), so
    /// that the two do not take turns on two cores for the whole replay. Its own thread, not a shared queue's: an
    /// unprivileged thread cannot lower its nice value again, so a pooled thread would stay raised. (Work the thread
    /// hands on to Dispatch may still start pool threads that inherit the raised value, as libdispatch on Linux
    /// creates a worker from the thread that needs one; they retire once idle. adledger yields only in `verify`,
    /// the last thing its process does.)
    init(label: String, placeholder: Value, yieldsCores: Bool = false, _ work: @escaping @Sendable () -> Value) {
        value = placeholder
        guard yieldsCores else {
            let queue = DispatchQueue(label: label, qos: .userInitiated)
            queue.async(group: group) { [self] in value = work() }
            return
        }
        group.enter()
        let thread = Thread { [self] in
            #if os(Linux)
                // `who` 0 is the calling thread on Linux. A failure leaves its priority as it was, which is harmless.
                _ = setpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0, getpriority(
                    __priority_which_t(PRIO_PROCESS.rawValue), 0) + Self.yieldingNiceness)
            #endif
            value = work()
            group.leave()
        }
        thread.name = label
        thread.start()
    }

    /// Whether the work is done (``wait()`` would return at once).
    var isDone: Bool { group.wait(timeout: .now()) == .success }

    /// The work's result, once it is done.
    func wait() -> Value {
        group.wait()
        return value
    }
}
