import Ledger

extension ShellSession {
    /// The prompt for a new statement: `adledger> `, or `adledger (as of 2025-12-20)> ` under `.asof`.
    var primaryPrompt: String {
        settings.asOf.map { "adledger (as of \($0))> " } ?? "adledger> "
    }

    /// The prompt while a statement continues, as wide as the main one: `   ...> `.
    var continuationPrompt: String {
        String(repeating: " ", count: max(0, DisplayWidth.of(primaryPrompt) - 5)) + "...> "
    }

    /// The readline loop. Ctrl-C abandons the line (or stops the running query); Ctrl-D on an empty line
    /// or `.quit` ends it. Returns 0, or the code given to `.exit`.
    func runInteractive() -> Int32 {
        let editor = LineEditor(historyPath: configuration.historyPath)
        let watcher = InterruptWatcher(handle: ledger.interruptHandle)
        interrupts = watcher
        defer {
            interrupts = nil
            editor.saveHistory()
            finishOutput()
        }
        standardOutput.write(
            "adledger shell on \(ledger.path) (read-only). End SQL with ';'. .help for commands, Ctrl-D to leave.\n")
        runRCFileOnce()
        var splitter = StatementSplitter()
        var typed: [String] = []
        while true {
            if catalogIsStale { refreshCompletion(editor) }
            finishOutput()
            _ = watcher.takePending()  // a Ctrl-C that came after the last query ended is spent
            switch editor.read(prompt: splitter.isEmpty ? primaryPrompt : continuationPrompt) {
            case .endOfInput:
                standardOutput.write("\n")
                return 0
            case .interrupted:
                _ = watcher.takePending()  // that Ctrl-C cleared the line; it must not stop the next query
                splitter.reset()
                typed = []
            case .line(let line):
                let startsStatement = splitter.isEmpty
                if startsStatement, line.drop(while: \.isWhitespace).first == "." {
                    editor.addHistory(line)
                } else {
                    typed.append(line)
                }
                let outcome = process(line: line, splitter: &splitter, bail: false)
                if splitter.isEmpty, !typed.isEmpty {
                    editor.addHistory(Self.historyEntry(typed))
                    typed = []
                }
                if case .quit(let code) = outcome { return code }
            }
        }
    }

    /// One history entry for a statement typed over several lines: joined by spaces, unless a `--`
    /// comment would then swallow the lines after it.
    static func historyEntry(_ lines: [String]) -> String {
        lines.dropLast().contains { $0.contains("--") } ? lines.joined(separator: "\n") : lines.joined(separator: " ")
    }

    private func refreshCompletion(_ editor: LineEditor) {
        catalogIsStale = false
        let catalog = (try? SchemaCatalog.load(from: ledger.readConnection)) ?? SchemaCatalog()
        editor.setCompleter(Completer(catalog: catalog, parameterNames: settings.parameters.keys.sorted()))
    }
}
