import Dispatch

/// Work started on another thread now, whose result `wait()` returns (blocking until it is done).
///
/// `@unchecked Sendable`: the result is written once, by the task, before it leaves the `DispatchGroup`, and read only
/// after `wait()` waited on the group, which orders the write before the read.
final class BackgroundTask<Value: Sendable>: @unchecked Sendable {
    private let group = DispatchGroup()
    private var value: Value

    /// Starts `work` on a queue of its own; `placeholder` is held until the work stores its result.
    init(label: String, placeholder: Value, _ work: @escaping @Sendable () -> Value) {
        value = placeholder
        let queue = DispatchQueue(label: label, qos: .userInitiated)
        queue.async(group: group) { [self] in value = work() }
    }

    /// The work's result, once it is done.
    func wait() -> Value {
        group.wait()
        return value
    }
}
