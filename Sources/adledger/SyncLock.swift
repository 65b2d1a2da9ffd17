import Foundation

/// One sync per ledger at a time: an exclusive `flock` on `<ledger>.sync-lock`. The kernel drops the lock when
/// the process ends, however it ends (a crash or SIGKILL leaves no stale lock to clean up). The holder writes
/// its pid into the file, for the message a waiting sync gives up with.
final class SyncLock {
    private let descriptor: Int32

    /// Why the lock was not taken.
    enum Failure: Error, CustomStringConvertible {
        case busy(lockPath: String, holder: String?, waited: Double)
        case cannotOpen(lockPath: String, code: Int32)

        var description: String {
            switch self {
            case .busy(let lockPath, let holder, let waited):
                "busy: another sync of this ledger is running\(holder.map { " (pid \($0))" } ?? "") and still holds \(lockPath) after \(Int(waited)) s; let it finish, or pass a longer --wait SECONDS"
            case .cannotOpen(let lockPath, let code):
                "cannot open the sync lock \(lockPath): \(String(cString: strerror(code))); check the ledger folder is writable"
            }
        }
    }

    /// The lock file beside the ledger at `ledgerPath`.
    static func path(forLedger ledgerPath: String) -> String { ledgerPath + ".sync-lock" }

    /// Takes the lock, waiting up to `wait` seconds for a running sync to release it.
    init(ledgerPath: String, wait: Double) throws(Failure) {
        let lockPath = Self.path(forLedger: ledgerPath)
        let descriptor = open(lockPath, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw .cannotOpen(lockPath: lockPath, code: errno) }
        let deadline = Date().addingTimeInterval(max(0, wait))
        while flock(descriptor, LOCK_EX | LOCK_NB) != 0 {
            guard errno == EWOULDBLOCK || errno == EINTR, Date() < deadline else {
                let holder = Self.holder(lockPath)
                close(descriptor)
                throw .busy(lockPath: lockPath, holder: holder, waited: max(0, wait))
            }
            usleep(100_000)
        }
        self.descriptor = descriptor
        let pid = Array("\(getpid())\n".utf8)
        if ftruncate(descriptor, 0) == 0 { _ = pwrite(descriptor, pid, pid.count, 0) }
    }

    deinit {
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }

    private static func holder(_ lockPath: String) -> String? {
        guard let data = FileManager.default.contents(atPath: lockPath) else { return nil }
        let text = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        return text.isEmpty ? nil : text
    }
}
