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
final class InterruptWatcher {
    private let source: any DispatchSourceSignal
    private let pending = LockedFlag()
    private let previousHandler: (@convention(c) (Int32) -> Void)?

    /// Starts watching; SIGINT no longer ends the process until this watcher is released.
    init(handle: InterruptHandle) {
        previousHandler = signal(SIGINT, SIG_IGN)
        source = DispatchSource.makeSignalSource(signal: SIGINT, queue: .global(qos: .userInteractive))
        let pending = self.pending
        source.setEventHandler {
            pending.set()
            handle.interrupt()
            LineEditorHooks.shared.signalInterrupt()
        }
        source.resume()
    }

    deinit {
        source.cancel()
        signal(SIGINT, previousHandler)
    }

    /// True (once) when Ctrl-C came since the last call: a query about to start should not.
    func takePending() -> Bool { pending.take() }
}
