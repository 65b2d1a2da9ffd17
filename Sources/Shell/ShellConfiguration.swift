/// What the shell needs from its surroundings. The library reads no environment variables and no
/// terminal state of its own accord: the command line fills this in.
public struct ShellConfiguration: Sendable {
    /// Where history is read at start and written at exit (interactive only); nil keeps no history.
    public var historyPath: String?
    /// A file of dot-commands (and SQL) run before anything else; nil or a missing file runs nothing.
    public var rcPath: String?
    /// The pager command for results taller than the screen, run directly when it is plain words (`less -FRX`),
    /// else with `/bin/sh -c`; nil: none. ``pagerCommand(environment:)`` chooses it from `PAGER`.
    public var pager: String?
    /// True when standard input is a terminal: the shell then prompts and edits lines with readline.
    public var isInteractive: Bool
    /// True when standard output is a terminal: tables are fitted to its width and may be paged.
    public var outputIsTerminal: Bool
    /// The width tables are fitted to; nil asks the terminal on standard output (when it is one).
    public var terminalWidth: Int?
    /// The height beyond which results are paged; nil asks the terminal on standard output.
    public var terminalHeight: Int?
    /// True when the terminal is not UTF-8: sparklines (`.spark`, `.history`) use ASCII characters.
    public var asciiOnly: Bool

    /// A configuration; every part has a safe default (no history, no rc file, no pager, scripting mode).
    public init(
        historyPath: String? = nil, rcPath: String? = nil, pager: String? = nil, isInteractive: Bool = false,
        outputIsTerminal: Bool = false, terminalWidth: Int? = nil, terminalHeight: Int? = nil, asciiOnly: Bool = false
    ) {
        self.historyPath = historyPath
        self.rcPath = rcPath
        self.pager = pager
        self.isInteractive = isInteractive
        self.outputIsTerminal = outputIsTerminal
        self.terminalWidth = terminalWidth
        self.terminalHeight = terminalHeight
        self.asciiOnly = asciiOnly
    }
}
