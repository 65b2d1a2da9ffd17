import Foundation

/// Scratch directories for tests, removed when the test process exits. A test helper that is a struct cannot remove
/// its own (copies share the directory, and Swift may end a value's lifetime at its last use, while paths in it are
/// still in use), so each of the ~150 that an end-to-end run makes (~240 MB) stayed in the temp directory. Set
/// `ADLEDGER_KEEP_SCRATCH=1` to keep them for a look after a run.
public enum ScratchDirectory {
    /// Creates `<temp>/<prefix>-<UUID>` and registers it for removal at exit.
    public static func make(_ prefix: String) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("\(prefix)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        _ = removalAtExit
        registry.add(url)
        return url
    }

    private static let registry = Registry()

    /// Registers the removal once, on first use (a static's initializer runs once, thread-safely).
    private static let removalAtExit: Void = {
        atexit {
            guard ProcessInfo.processInfo.environment["ADLEDGER_KEEP_SCRATCH"] == nil else { return }
            for url in ScratchDirectory.registry.all() { try? FileManager.default.removeItem(at: url) }
        }
    }()

    private final class Registry: @unchecked Sendable {
        private let lock = NSLock()
        private var urls: [URL] = []

        func add(_ url: URL) { lock.withLock { urls.append(url) } }
        func all() -> [URL] { lock.withLock { urls } }
    }
}
