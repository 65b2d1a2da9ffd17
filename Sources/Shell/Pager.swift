import CReadline

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Shows a long result through the user's pager the way git and psql do. The pager runs in the shell's
/// own process group, which holds the terminal's foreground, so it can read keys from the terminal; it
/// reads the result from a pipe and writes to the terminal. The shell ignores Ctrl-C (the pager's key)
/// and SIGPIPE while it runs, and puts the terminal's modes back afterwards, so readline's prompt and
/// line editing come back intact.
enum Pager {
    /// git's default: quit at once when the text fits on one screen, pass colours through, and leave the
    /// text on the screen on quitting.
    static let defaultCommand = "less -FRX"

    /// How often the shell, blocked on a full pipe, looks whether the pager has ended or been stopped.
    private static let checkInterval: Int32 = 100  // milliseconds

    /// Pipes `text` to `command` and waits until the pager ends. Quitting early (`q` in `less`) is
    /// success: the rest of the text is dropped, never written into the closed pipe. Throws when the
    /// pager could not start, exited non-zero, or was stopped (it is then killed): the caller prints the
    /// text itself.
    static func show(_ text: String, command: String) throws(PagerFailure) {
        guard tcgetpgrp(STDOUT_FILENO) == getpgrp() else { throw .notInForeground }
        var modes = termios()
        let hasModes = tcgetattr(STDIN_FILENO, &modes) == 0
        let previousInterrupt = signal(SIGINT, SIG_IGN)
        let previousBrokenPipe = signal(SIGPIPE, SIG_IGN)
        defer {
            if hasModes { restoreModes(&modes) }
            signal(SIGPIPE, previousBrokenPipe)
            signal(SIGINT, previousInterrupt)
        }
        let (pid, input) = try spawn(command)
        let endedEarly = feed(text, to: input, pager: pid)
        close(input)  // end of input: the pager shows the rest and waits for the user
        guard let status = endedEarly ?? waitForEnd(of: pid, polling: false) else { return }
        if adl_wifstopped(status) != 0 {
            kill(pid, SIGKILL)
            var reaped: Int32 = 0
            while waitpid(pid, &reaped, 0) < 0 && errno == EINTR {}
            throw .stopped(signal: adl_wstopsig(status))
        }
        if adl_wifexited(status) != 0, adl_wexitstatus(status) != 0 {
            throw .exited(status: adl_wexitstatus(status))
        }
    }

    /// The command's words when it needs no shell (no quotes, variables, globs or redirections), as git
    /// decides in `run-command.c`; nil runs it with `/bin/sh -c`.
    static func words(of command: String) -> [String]? {
        let shellCharacters = Set("|&;<>()$`\\\"'*?[]{}#~=%!\n")
        guard !command.contains(where: shellCharacters.contains) else { return nil }
        let words = command.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        return words.isEmpty ? nil : words
    }

    /// Starts the pager with a pipe as its standard input (standard output and error stay the terminal)
    /// and the signals the shell ignores back at their defaults. Returns its pid and the pipe's
    /// non-blocking write end.
    private static func spawn(_ command: String) throws(PagerFailure) -> (pid: pid_t, input: Int32) {
        var ends: [Int32] = [-1, -1]
        guard pipe(&ends) == 0 else { throw .cannotStart(code: errno) }
        // Neither end may leak into the pager (its copy on descriptor 0 is made by dup2, which clears the
        // flag): a pager holding the write end would never see the end of its input.
        for end in ends { _ = fcntl(end, F_SETFD, FD_CLOEXEC) }
        _ = fcntl(ends[1], F_SETFL, fcntl(ends[1], F_GETFL) | O_NONBLOCK)

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, ends[0], STDIN_FILENO)

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for signal in [SIGINT, SIGQUIT, SIGPIPE, SIGTSTP, SIGTTIN, SIGTTOU] { sigaddset(&defaults, signal) }
        var mask = sigset_t()
        sigemptyset(&mask)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setsigmask(&attributes, &mask)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))

        let words = words(of: command)
        let arguments = (words ?? ["sh", "-c", command]).map { strdup($0) } + [nil]
        defer { for argument in arguments { free(argument) } }
        var pid: pid_t = 0
        let code =
            if let program = words?.first {
                posix_spawnp(&pid, program, &actions, &attributes, arguments, adl_environ())
            } else {
                posix_spawn(&pid, "/bin/sh", &actions, &attributes, arguments, adl_environ())
            }
        close(ends[0])
        guard code == 0 else {
            close(ends[1])
            throw .cannotStart(code: code)
        }
        return (pid, ends[1])
    }

    /// Writes `text` to the pager's input until all of it is written or the pager has quit. Returns the
    /// pager's wait status when it ended or was stopped meanwhile (nil: it is still running, or it quit
    /// and closed the pipe and is yet to be waited for).
    private static func feed(_ text: String, to input: Int32, pager pid: pid_t) -> Int32? {
        var text = text
        return text.withUTF8 { bytes -> Int32? in
            guard let base = bytes.baseAddress else { return nil }
            var offset = 0
            while offset < bytes.count {
                var descriptor = pollfd(fd: input, events: Int16(POLLOUT), revents: 0)
                let ready = poll(&descriptor, 1, checkInterval)
                if ready < 0, errno != EINTR { return nil }
                if ready > 0 {
                    let written = write(input, base + offset, min(bytes.count - offset, 1 << 16))
                    if written > 0 {
                        offset += written
                        continue
                    }
                    // EPIPE (SIGPIPE is ignored): the pager quit and the rest of the text is not wanted.
                    if written < 0, errno != EAGAIN, errno != EINTR { return nil }
                }
                if let status = waitForEnd(of: pid, polling: true) { return status }
            }
            return nil
        }
    }

    /// Waits for the pager to exit or be stopped and returns its wait status. A stop by Ctrl-Z (SIGTSTP)
    /// is the user's job control, which stops the shell too, and is waited out; any other stop means the
    /// pager cannot go on. `polling` returns nil at once when the pager is still running.
    private static func waitForEnd(of pid: pid_t, polling: Bool) -> Int32? {
        while true {
            var status: Int32 = 0
            let result = waitpid(pid, &status, WUNTRACED | (polling ? WNOHANG : 0))
            if result == pid {
                if adl_wifstopped(status) != 0, adl_wstopsig(status) == SIGTSTP {
                    if polling { return nil }
                    continue
                }
                return status
            }
            if result < 0, errno == EINTR { continue }
            return nil
        }
    }

    /// Puts back the terminal modes saved before the pager started (a pager that was killed leaves its
    /// own). SIGTTOU is ignored meanwhile: changing the modes from outside the foreground would stop us.
    private static func restoreModes(_ modes: inout termios) {
        let previous = signal(SIGTTOU, SIG_IGN)
        _ = tcsetattr(STDIN_FILENO, TCSADRAIN, &modes)
        signal(SIGTTOU, previous)
    }
}
