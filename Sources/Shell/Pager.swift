import Foundation

/// Shows long results through the user's pager (`$PAGER`, run with `/bin/sh -c`).
enum Pager {
    /// Pipes `text` to `command` and waits for it to exit; false when the pager could not start.
    static func show(_ text: String, command: String) -> Bool {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", command]
        let pipe = Pipe()
        process.standardInput = pipe
        do {
            try process.run()
        } catch {
            return false
        }
        // A pager quit before the end closes the pipe: that must not end the shell with SIGPIPE.
        let previous = signal(SIGPIPE, SIG_IGN)
        try? pipe.fileHandleForWriting.write(contentsOf: Data(text.utf8))
        try? pipe.fileHandleForWriting.close()
        process.waitUntilExit()
        signal(SIGPIPE, previous)
        return true
    }
}
