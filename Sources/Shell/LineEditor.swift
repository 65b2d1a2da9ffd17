import CReadline
import Foundation

/// Line editing on GNU readline: history (with reverse search), tab completion, and Ctrl-C that clears
/// the line instead of ending the process. Readline is process-wide state, so only one editor should
/// exist at a time.
final class LineEditor {
    /// What one call to ``read(prompt:)`` got.
    enum Input: Equatable {
        case line(String)
        /// Ctrl-C: the line typed so far is abandoned.
        case interrupted
        /// Ctrl-D on an empty line, or the end of input.
        case endOfInput
    }

    private let historyPath: String?
    private var lastEntry: String?
    private static let historyLimit: Int32 = 2000

    /// Sets readline up and loads the history file (a missing file is an empty history).
    init(historyPath: String?) {
        self.historyPath = historyPath
        adl_rl_set_readline_name()
        // SIGINT belongs to the interrupt watcher: were readline to catch it, it would hold it back until
        // the next key. Window-size changes stay readline's (rl_catch_sigwinch).
        adl_rl_set_catch_signals(0)
        rl_initialize()
        adl_rl_set_word_break_characters()
        adl_rl_set_attempted_completion_function { text, start, _ in
            LineEditor.completions(text: text, start: start)
        }
        adl_rl_set_getc_function { stream in
            LineEditor.readKey(stream)
        }
        rl_bind_key(3) { _, _ in
            LineEditor.interruptKey()
        }
        using_history()
        stifle_history(Self.historyLimit)
        if let historyPath { read_history(historyPath) }
    }

    deinit {
        clear_history()
    }

    /// The completer Tab uses from now on.
    func setCompleter(_ completer: Completer) {
        LineEditorHooks.shared.completer = completer
    }

    /// Reads one line after showing `prompt`.
    func read(prompt: String) -> Input {
        _ = LineEditorHooks.shared.interrupted.take()
        LineEditorHooks.shared.drainInterrupts()
        guard let raw = readline(prompt) else { return .endOfInput }
        defer { free(raw) }
        if LineEditorHooks.shared.interrupted.take() { return .interrupted }
        return .line(String(cString: raw))
    }

    /// Adds an entry to the history (not a blank one, nor the same one twice in a row).
    func addHistory(_ entry: String) {
        guard !entry.allSatisfy(\.isWhitespace), entry != lastEntry else { return }
        add_history(entry)
        lastEntry = entry
    }

    /// Writes the history file (mode 0600, as readline creates it), keeping the newest entries.
    func saveHistory() {
        guard let historyPath else { return }
        write_history(historyPath)
        history_truncate_file(historyPath, Self.historyLimit)
    }

    /// Readline's key reader: waits for a byte on the input or for SIGINT's self-pipe byte, which it
    /// turns into the Ctrl-C key (bound to ``interruptKey()``), so Ctrl-C is handled on this thread.
    private static func readKey(_ stream: UnsafeMutablePointer<FILE>?) -> Int32 {
        let input = stream.map { fileno($0) } ?? STDIN_FILENO
        let hooks = LineEditorHooks.shared
        while true {
            rl_check_signals()  // a pending SIGWINCH redraws for the new width
            var descriptors = [
                pollfd(fd: input, events: Int16(POLLIN), revents: 0),
                pollfd(fd: hooks.interruptRead, events: Int16(POLLIN), revents: 0),
            ]
            let ready = poll(&descriptors, hooks.interruptRead >= 0 ? 2 : 1, -1)
            if ready < 0 {
                if errno == EINTR { continue }
                return EOF
            }
            if descriptors[1].revents & Int16(POLLIN) != 0, hooks.drainInterrupts() { return 3 }
            guard descriptors[0].revents != 0 else { continue }
            var byte: UInt8 = 0
            let count = systemRead(input, &byte, 1)
            if count == 1 { return Int32(byte) }
            if count < 0, errno == EINTR || errno == EAGAIN { continue }
            return EOF
        }
    }

    /// Ctrl-C while editing: show `^C`, end this readline() call, and say the line was abandoned.
    private static func interruptKey() -> Int32 {
        LineEditorHooks.shared.interrupted.set()
        adl_rl_point_to_end()
        rl_redisplay()
        if let stream = adl_rl_outstream() {
            fputs("^C", stream)
            fflush(stream)
        }
        rl_crlf()
        adl_rl_set_done(1)
        return 0
    }

    /// Readline's attempted-completion callback: the matches for `text`, which starts at byte `start`
    /// of the line, as a malloc'ed NULL-terminated array led by the text to substitute.
    private static func completions(text: UnsafePointer<CChar>?, start: Int32)
        -> UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?
    {
        adl_rl_set_attempted_completion_over(1)
        let word = text.map { String(cString: $0) } ?? ""
        let line = adl_rl_line_buffer().map { String(cString: $0) } ?? ""
        let before = String(decoding: line.utf8.prefix(max(0, Int(start))), as: UTF8.self)
        switch LineEditorHooks.shared.completer.complete(word: word, before: before, line: line) {
        case .fileNames:
            adl_rl_set_attempted_completion_over(0)
            return nil
        case .words(let words):
            guard !words.isEmpty else { return nil }
            var substitution = words.count == 1 ? words[0] : commonPrefix(words)
            if substitution.utf8.count < word.utf8.count { substitution = word }
            let entries = words.count == 1 ? [substitution] : [substitution] + words
            let stride = MemoryLayout<UnsafeMutablePointer<CChar>?>.stride
            guard let memory = malloc((entries.count + 1) * stride) else { return nil }
            let array = memory.bindMemory(to: UnsafeMutablePointer<CChar>?.self, capacity: entries.count + 1)
            for (i, entry) in entries.enumerated() { array[i] = strdup(entry) }
            array[entries.count] = nil
            return array
        }
    }

    /// The longest common prefix of `words`, compared without regard to case and taken from the first.
    static func commonPrefix(_ words: [String]) -> String {
        guard var prefix = words.first.map({ Array($0) }) else { return "" }
        for word in words.dropFirst() {
            let characters = Array(word)
            var length = 0
            while length < min(prefix.count, characters.count),
                prefix[length].lowercased() == characters[length].lowercased()
            {
                length += 1
            }
            prefix = Array(prefix.prefix(length))
        }
        return String(prefix)
    }
}

/// `read(2)`, named apart from ``LineEditor/read(prompt:)``.
private func systemRead(_ descriptor: Int32, _ buffer: UnsafeMutableRawPointer?, _ count: Int) -> Int {
    read(descriptor, buffer, count)
}
