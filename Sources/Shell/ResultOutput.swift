/// Where one result goes: a `.output`/`.once` file, standard output, or — in an interactive session on a
/// terminal — a buffer that is shown through the pager when it is taller than the screen.
final class ResultOutput {
    private let session: ShellSession
    private let redirect: FileDescriptorWriter?
    private var captured: String?
    /// True when the result is shown on the screen (tables are fitted to its width).
    let isTerminal: Bool

    init(session: ShellSession) {
        self.session = session
        redirect = session.redirect
        isTerminal = session.redirect == nil
        let configuration = session.configuration
        if redirect == nil, configuration.isInteractive, configuration.outputIsTerminal, session.settings.pager,
            let pager = configuration.pager, !pager.allSatisfy(\.isWhitespace)
        {
            captured = ""
        }
    }

    /// Adds text to the result.
    func write(_ text: String) {
        if captured != nil {
            captured?.append(text)
        } else if let redirect {
            redirect.write(text)
        } else {
            session.standardOutput.write(text)
        }
    }

    /// Adds UTF-8 text, as bytes valid only during the call (whole characters).
    func write(bytes: UnsafeRawBufferPointer) {
        if captured != nil {
            captured?.append(String(decoding: bytes, as: UTF8.self))
        } else if let redirect {
            redirect.write(bytes: bytes)
        } else {
            session.standardOutput.writeBytes(bytes)
        }
    }

    /// Drops what a failed statement captured for the pager.
    func discard() {
        if captured != nil { captured = "" }
    }

    /// Shows the result (through the pager when it is taller than the screen) and ends a `.once`.
    func finish() {
        if let text = captured, !text.isEmpty {
            var lines = 0
            for byte in text.utf8 where byte == 0x0A { lines += 1 }
            session.standardOutput.flush()
            if lines < session.terminalHeight - 1 {
                session.standardOutput.write(text)
            } else {
                page(text, command: session.configuration.pager ?? "")
            }
        }
        captured = nil
        if let redirect {
            redirect.flush()
            if session.redirectIsOnce, session.redirect === redirect {
                session.redirect = nil
                session.redirectIsOnce = false
            }
        } else {
            session.standardOutput.flush()
        }
    }

    /// Shows `text` through the pager; when the pager fails, prints it directly, says why once, and turns
    /// paging off (`.pager on` tries again).
    private func page(_ text: String, command: String) {
        do throws(PagerFailure) {
            try Pager.show(text, command: command)
        } catch {
            session.standardOutput.write(text)
            session.settings.pager = false
            session.report(.pagerFailed(command: command, failure: error))
        }
    }
}
