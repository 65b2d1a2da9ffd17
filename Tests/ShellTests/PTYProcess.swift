import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Why driving a process through a pseudo-terminal failed.
enum PTYError: Error, CustomStringConvertible {
    case system(call: String, code: Int32)
    case timeout(waitingFor: String, transcript: String)
    case closed(waitingFor: String, transcript: String)

    var description: String {
        switch self {
        case .system(let call, let code):
            "\(call) failed: \(String(cString: strerror(code)))"
        case .timeout(let pattern, let transcript):
            "timed out waiting for \(pattern.debugDescription); the terminal showed:\n\(transcript)"
        case .closed(let pattern, let transcript):
            "the process closed the terminal while we waited for \(pattern.debugDescription); it showed:\n\(transcript)"
        }
    }
}

/// A child process whose standard input, output and error are a fresh pseudo-terminal that is its
/// controlling terminal (so Ctrl-C sends it SIGINT). Tests type keys with ``send(_:)`` and wait for
/// output with ``expect(_:timeout:)`` — never for a fixed time.
final class PTYProcess {
    private let master: Int32
    /// The child's process id.
    let pid: pid_t
    private let slavePath: String
    private var unread: [UInt8] = []
    private var exitStatus: Int32?
    /// Everything the process wrote to the terminal so far.
    private(set) var transcript: [UInt8] = []

    /// Spawns `executable` with `arguments` on a new `columns`×`rows` terminal; `errorPath` sends its
    /// standard error to that file instead.
    init(
        executable: String, arguments: [String], environment: [String: String], columns: UInt16 = 100,
        rows: UInt16 = 30, errorPath: String? = nil
    ) throws {
        (master, slavePath) = try Self.openTerminal()
        // struct winsize: rows, columns, x pixels, y pixels.
        var size: [UInt16] = [rows, columns, 0, 0]
        guard ioctl(master, UInt(TIOCSWINSZ), &size) == 0 else {
            let code = errno
            close(master)
            throw PTYError.system(call: "ioctl(TIOCSWINSZ)", code: code)
        }

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        // After setsid the child has no controlling terminal; opening the slave makes it the one.
        posix_spawn_file_actions_addopen(&actions, 0, slavePath, O_RDWR, 0)
        posix_spawn_file_actions_adddup2(&actions, 0, 1)
        if let errorPath {
            posix_spawn_file_actions_addopen(&actions, 2, errorPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        } else {
            posix_spawn_file_actions_adddup2(&actions, 0, 2)
        }

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for signal in [SIGINT, SIGPIPE, SIGTERM, SIGQUIT, SIGTSTP] { sigaddset(&defaults, signal) }
        var mask = sigset_t()
        sigemptyset(&mask)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setsigmask(&attributes, &mask)
        let setsid: Int32 = 0x80  // POSIX_SPAWN_SETSID (glibc), not imported without _GNU_SOURCE
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK | setsid))

        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            for pointer in argv { free(pointer) }
            for pointer in envp { free(pointer) }
        }
        var child: pid_t = 0
        let code = posix_spawn(&child, executable, &actions, &attributes, argv, envp)
        guard code == 0 else {
            close(master)
            throw PTYError.system(call: "posix_spawn \(executable)", code: code)
        }
        pid = child
    }

    /// Opens a pseudo-terminal master and returns it with its slave's path.
    private static func openTerminal() throws -> (Int32, String) {
        #if os(Linux)
            // posix_openpt/grantpt/unlockpt/ptsname are hidden from Swift without _XOPEN_SOURCE; these are
            // what they do on Linux: open the multiplexer, unlock the slave, ask its number.
            let master = open("/dev/ptmx", O_RDWR | O_NOCTTY | O_CLOEXEC)
            guard master >= 0 else { throw PTYError.system(call: "open /dev/ptmx", code: errno) }
            let setLock: UInt = 0x4004_5431  // TIOCSPTLCK
            let getNumber: UInt = 0x8004_5430  // TIOCGPTN
            var unlock: Int32 = 0
            var number: UInt32 = 0
            guard ioctl(master, setLock, &unlock) == 0, ioctl(master, getNumber, &number) == 0 else {
                let code = errno
                close(master)
                throw PTYError.system(call: "ioctl(TIOCSPTLCK/TIOCGPTN)", code: code)
            }
            return (master, "/dev/pts/\(number)")
        #else
            let master = posix_openpt(O_RDWR | O_NOCTTY)
            guard master >= 0, grantpt(master) == 0, unlockpt(master) == 0, let name = ptsname(master) else {
                throw PTYError.system(call: "posix_openpt", code: errno)
            }
            return (master, String(cString: name))
        #endif
    }

    deinit {
        if exitStatus == nil {
            kill(pid, SIGKILL)
            var status: Int32 = 0
            waitpid(pid, &status, 0)
        }
        close(master)
    }

    /// Types `text` (use "\r" for Enter, "\u{03}" for Ctrl-C, "\u{04}" for Ctrl-D, "\t" for Tab).
    func send(_ text: String) throws {
        var bytes = Array(text.utf8)[...]
        while !bytes.isEmpty {
            let written = bytes.withUnsafeBytes { write(master, $0.baseAddress, $0.count) }
            if written < 0 {
                if errno == EINTR { continue }
                throw PTYError.system(call: "write", code: errno)
            }
            bytes = bytes.dropFirst(written)
        }
    }

    /// Reads until `pattern` appears; returns the output up to and including it, and consumes it.
    @discardableResult
    func expect(_ pattern: String, timeout: Duration = .seconds(15)) throws -> String {
        let needle = Array(pattern.utf8)
        let deadline = ContinuousClock.now + timeout
        while true {
            if let range = Self.find(needle, in: unread) {
                let consumed = Array(unread[..<range.upperBound])
                unread.removeFirst(range.upperBound)
                return String(decoding: consumed, as: UTF8.self)
            }
            let remaining = deadline - ContinuousClock.now
            guard remaining > .zero else { throw PTYError.timeout(waitingFor: pattern, transcript: transcriptText) }
            guard try readAvailable(waitingAtMost: remaining) else {
                throw PTYError.closed(waitingFor: pattern, transcript: transcriptText)
            }
        }
    }

    /// Waits for the process to exit and returns its exit status (128+N after signal N).
    func waitForExit(timeout: Duration = .seconds(15)) throws -> Int32 {
        let deadline = ContinuousClock.now + timeout
        while true {
            if let exitStatus { return exitStatus }
            var status: Int32 = 0
            let result = waitpid(pid, &status, WNOHANG)
            if result == pid {
                let signal = status & 0x7F
                let code = signal == 0 ? (status >> 8) & 0xFF : 128 + signal
                exitStatus = code
                return code
            }
            let remaining = deadline - ContinuousClock.now
            guard remaining > .zero else { throw PTYError.timeout(waitingFor: "exit", transcript: transcriptText) }
            // Drain output meanwhile (a full terminal buffer would block the child); poll at most 50 ms
            // between checks of waitpid, which has no descriptor to wait on.
            _ = try readAvailable(waitingAtMost: min(remaining, .milliseconds(50)))
        }
    }

    /// The transcript as text.
    var transcriptText: String { String(decoding: transcript, as: UTF8.self) }

    /// Waits up to `limit` for output and appends it; false when the terminal is closed.
    private func readAvailable(waitingAtMost limit: Duration) throws -> Bool {
        var descriptor = pollfd(fd: master, events: Int16(POLLIN), revents: 0)
        let milliseconds = Int32(
            max(
                1,
                min(
                    Int64(Int32.max),
                    limit.components.seconds * 1000 + limit.components.attoseconds / 1_000_000_000_000_000)))
        let ready = poll(&descriptor, 1, milliseconds)
        if ready < 0 {
            if errno == EINTR { return true }
            throw PTYError.system(call: "poll", code: errno)
        }
        guard ready > 0 else { return true }
        var buffer = [UInt8](repeating: 0, count: 4096)
        let count = read(master, &buffer, buffer.count)
        if count > 0 {
            unread += buffer[..<count]
            transcript += buffer[..<count]
            return true
        }
        if count < 0, errno == EINTR || errno == EAGAIN { return true }
        return false  // EIO: every slave descriptor is closed
    }

    private static func find(_ needle: [UInt8], in haystack: [UInt8]) -> Range<Int>? {
        guard !needle.isEmpty, haystack.count >= needle.count else { return nil }
        for start in 0...(haystack.count - needle.count) where haystack[start] == needle[0] {
            if haystack[start..<(start + needle.count)].elementsEqual(needle) { return start..<(start + needle.count) }
        }
        return nil
    }
}
