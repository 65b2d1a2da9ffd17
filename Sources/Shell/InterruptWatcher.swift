import Dispatch
import Ledger

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Turns Ctrl-C (SIGINT) into `sqlite3_interrupt` for the running query, so the shell never dies of
/// it, and into a Ctrl-C key for readline (through ``LineEditorHooks``), which abandons the line being
/// edited. A Ctrl-C between reading a statement and starting it is kept (``takePending()``).
///
/// The signal handler only writes a byte to a pipe (all a handler may safely do); a dispatch read source
/// on the pipe does the rest on an ordinary thread.
final class InterruptWatcher {
    private let source: any DispatchSourceRead
    private let pending = LockedFlag()
    private let previousHandler: (@convention(c) (Int32) -> Void)?

    /// The self-pipe the handler writes to: created once, before any handler can run, never closed.
    private static let signalPipe: (read: Int32, write: Int32) = {
        var descriptors: [Int32] = [-1, -1]
        guard pipe(&descriptors) == 0 else { return (-1, -1) }
        for descriptor in descriptors {
            _ = fcntl(descriptor, F_SETFL, fcntl(descriptor, F_GETFL) | O_NONBLOCK)
            _ = fcntl(descriptor, F_SETFD, FD_CLOEXEC)
        }
        return (descriptors[0], descriptors[1])
    }()

    /// Starts watching; SIGINT no longer ends the process until this watcher is released.
    init(handle: InterruptHandle) {
        let pipe = Self.signalPipe
        Self.drain(pipe.read)
        let pending = self.pending
        source = DispatchSource.makeReadSource(fileDescriptor: pipe.read, queue: .global(qos: .userInteractive))
        source.setEventHandler {
            guard Self.drain(pipe.read) else { return }
            pending.set()
            handle.interrupt()
            LineEditorHooks.shared.signalInterrupt()
        }
        source.resume()
        // glibc's and Darwin's signal() keep the handler installed and restart interrupted calls.
        previousHandler = signal(SIGINT) { _ in InterruptWatcher.signalArrived() }
    }

    deinit {
        signal(SIGINT, previousHandler)
        source.cancel()
    }

    /// True (once) when Ctrl-C came since the last call: a query about to start should not.
    func takePending() -> Bool { pending.take() }

    /// The SIGINT handler: async-signal-safe (one write(2)); keeps errno for the interrupted code.
    private static func signalArrived() {
        let saved = errno
        var byte: UInt8 = 3
        _ = write(signalPipe.write, &byte, 1)
        errno = saved
    }

    /// Empties a non-blocking pipe; true when anything was in it.
    @discardableResult
    private static func drain(_ descriptor: Int32) -> Bool {
        guard descriptor >= 0 else { return false }
        var any = false
        var buffer = [UInt8](repeating: 0, count: 64)
        while read(descriptor, &buffer, buffer.count) > 0 { any = true }
        return any
    }
}
