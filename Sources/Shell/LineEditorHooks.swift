import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// What readline's C callbacks (completion, key input, the Ctrl-C key) reach: they cannot capture
/// context, so the line editor and the interrupt watcher leave it here.
final class LineEditorHooks: @unchecked Sendable {
    // @unchecked: `completerStorage` is only read or written while holding `lock`. Readline calls back
    // on the thread that called readline(); the session updates the completer between calls.
    private let lock = NSLock()
    private var completerStorage = Completer()

    /// Raised by the Ctrl-C key binding; the line editor takes it when readline returns.
    let interrupted = LockedFlag()

    /// A self-pipe: SIGINT (seen on a dispatch queue) writes a byte to `interruptWrite`, which wakes the
    /// line editor's key reader on readline's own thread; -1 when the pipe could not be made.
    let interruptRead: Int32
    let interruptWrite: Int32

    /// The one instance: readline itself is a process-wide singleton.
    static let shared = LineEditorHooks()

    private init() {
        var descriptors: [Int32] = [-1, -1]
        if pipe(&descriptors) == 0 {
            for descriptor in descriptors {
                _ = fcntl(descriptor, F_SETFL, fcntl(descriptor, F_GETFL) | O_NONBLOCK)
                _ = fcntl(descriptor, F_SETFD, FD_CLOEXEC)
            }
        }
        interruptRead = descriptors[0]
        interruptWrite = descriptors[1]
    }

    /// Called for SIGINT: wakes the key reader, which hands readline a Ctrl-C key.
    func signalInterrupt() {
        guard interruptWrite >= 0 else { return }
        var byte: UInt8 = 3
        _ = write(interruptWrite, &byte, 1)
    }

    /// Empties the self-pipe; true when an interrupt was waiting in it.
    @discardableResult
    func drainInterrupts() -> Bool {
        guard interruptRead >= 0 else { return false }
        var any = false
        var buffer = [UInt8](repeating: 0, count: 64)
        while read(interruptRead, &buffer, buffer.count) > 0 { any = true }
        return any
    }

    /// The completer Tab uses.
    var completer: Completer {
        get {
            lock.lock()
            defer { lock.unlock() }
            return completerStorage
        }
        set {
            lock.lock()
            completerStorage = newValue
            lock.unlock()
        }
    }
}
