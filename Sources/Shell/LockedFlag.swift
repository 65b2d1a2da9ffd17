import Foundation

/// A Boolean shared between a signal-watching queue or a readline callback and the shell's thread.
final class LockedFlag: @unchecked Sendable {
    // @unchecked: `value` is only read or written while holding `lock`.
    private let lock = NSLock()
    private var value = false

    /// Raises the flag.
    func set() {
        lock.lock()
        value = true
        lock.unlock()
    }

    /// Lowers the flag and says whether it was raised.
    func take() -> Bool {
        lock.lock()
        defer { lock.unlock() }
        let was = value
        value = false
        return was
    }
}
