import Foundation
import Ledger

/// The `adledger shell`: SQL and dot-commands over a read-only ledger, typed at a readline prompt or
/// read from a script. Non-Sendable: it owns the ledger's connection and runs on one thread.
public final class ShellSession {
    /// How many `.read` files may be open inside one another.
    static let maxReadDepth = 16

    let ledger: LedgerReader
    let configuration: ShellConfiguration
    let standardOutput: OutputChannel
    let standardError: OutputChannel
    var settings: ShellSettings
    /// Where results go instead of standard output after `.output`/`.once`.
    var redirect: FileDescriptorWriter?
    /// True when ``redirect`` came from `.once` and ends after the next result.
    var redirectIsOnce = false
    var readDepth = 0
    var rcFileRun = false
    /// Watches Ctrl-C while an interactive session runs a query.
    var interrupts: InterruptWatcher?
    /// Set when the catalog tab completion uses may have changed (after `.asof`).
    var catalogIsStale = true

    /// A shell over `ledger`, which cannot be written through.
    ///
    /// - Parameters:
    ///   - output: receives results; nil writes to standard output.
    ///   - errorOutput: receives error messages; nil writes to standard error.
    public init(
        ledger: LedgerReader, configuration: ShellConfiguration = ShellConfiguration(),
        output: ((String) -> Void)? = nil, errorOutput: ((String) -> Void)? = nil
    ) {
        self.ledger = ledger
        self.configuration = configuration
        standardOutput =
            output.map(OutputChannel.init) ?? OutputChannel(FileDescriptorWriter(descriptor: 1, owns: false))
        standardError =
            errorOutput.map(OutputChannel.init) ?? OutputChannel(FileDescriptorWriter(descriptor: 2, owns: false))
        settings = ShellSettings(bail: !configuration.isInteractive)
    }

    /// Runs the shell on standard input: a readline prompt when ``ShellConfiguration/isInteractive``,
    /// else statements and dot-commands read line by line. Returns the exit status: 0, or 1 when a script
    /// had an error (or the code given to `.exit`).
    public func run() -> Int32 {
        if configuration.isInteractive { return runInteractive() }
        return run(lines: AnySequence { AnyIterator { readLine(strippingNewline: true) } })
    }

    /// Runs one argument of `adledger shell -c`: SQL (one or more statements, the last `;` optional) or a
    /// dot-command. Returns 0, or 1 after an error.
    public func runCommand(_ text: String) -> Int32 {
        runRCFileOnce()
        let outcome = runScript(
            text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init), bail: true)
        finishOutput()
        return outcome.exitStatus
    }

    /// Runs lines as a script (the path taken when standard input is not a terminal).
    package func run(lines: some Sequence<String>) -> Int32 {
        runRCFileOnce()
        let outcome = runScript(lines, bail: nil)
        finishOutput()
        return outcome.exitStatus
    }

    /// Runs the rc file, once, before the first command; its errors are reported and do not stop the shell.
    func runRCFileOnce() {
        guard !rcFileRun else { return }
        rcFileRun = true
        guard let path = configuration.rcPath, FileManager.default.fileExists(atPath: path) else { return }
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            report(ShellError.cannotOpen(path: path, reason: "not readable UTF-8 text"))
            return
        }
        _ = runScript(text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init), bail: false)
    }

    /// Flushes results and closes a `.output` file.
    func finishOutput() {
        redirect?.flush()
        standardOutput.flush()
        standardError.flush()
    }

    /// Runs lines as a script; `bail` overrides `.bail` (nil follows it, so a script's `.bail off` counts).
    func runScript(_ lines: some Sequence<String>, bail: Bool?) -> ScriptOutcome {
        var splitter = StatementSplitter()
        var outcome = ScriptOutcome()
        for line in lines {
            switch process(line: line, splitter: &splitter, bail: bail ?? settings.bail) {
            case .success: break
            case .failure:
                outcome.failed = true
                if bail ?? settings.bail { return outcome }
            case .quit(let code):
                outcome.quit = code
                return outcome
            }
        }
        if let last = splitter.finish() {
            if !execute(sql: last) { outcome.failed = true }
        }
        return outcome
    }

    /// Handles one input line: a dot-command when no SQL is pending, else more SQL; runs the statements
    /// the line completes.
    func process(line: String, splitter: inout StatementSplitter, bail: Bool) -> CommandOutcome {
        if splitter.isEmpty, line.drop(while: \.isWhitespace).first == "." {
            splitter.reset()
            return runDotCommand(line)
        }
        var outcome = CommandOutcome.success
        for statement in splitter.append(line: line) where !execute(sql: statement) {
            outcome = .failure
            if bail { break }
        }
        return outcome
    }

    /// Runs one SQL statement and prints its result; false after an error (already reported).
    @discardableResult
    func execute(sql: String, parameters: [String: String]? = nil) -> Bool {
        let started = ContinuousClock.now
        let output = ResultOutput(session: self)
        defer { output.finish() }
        var renderer = makeRenderer(output)
        var columnCount = 0
        do {
            try ledger.query(
                sql, parameters: parameters ?? settings.parameters,
                columns: { columns in
                    if interrupts?.takePending() == true { throw LedgerError.interrupted }
                    columnCount = columns.count
                    if columnCount > 0 { renderer.begin(columns: columns) }
                },
                cursor: { row in renderer.add(row) })
        } catch let error as LedgerError {
            output.discard()
            report(.ledger(error), sql: sql)
            return false
        } catch {
            output.discard()
            report(.ledger(.sqlite(code: 1, message: "\(error)", sql: sql)))
            return false
        }
        if columnCount > 0 {
            let count = renderer.end()
            if settings.mode == .table { output.write(count == 1 ? "(1 row)\n" : "(\(count) rows)\n") }
        }
        if settings.timer { output.write(Self.timing(since: started)) }
        return true
    }

    /// A renderer in the current mode; tables are fitted to the terminal's width when shown on one.
    func makeRenderer(_ output: ResultOutput) -> ResultRenderer {
        var renderer = ResultRenderer(format: settings.mode, bytes: output.write(bytes:))
        renderer.headers = settings.headers
        renderer.nullValue = settings.effectiveNullValue
        if output.isTerminal { renderer.maxWidth = terminalWidth }
        return renderer
    }

    /// The width to fit tables to: the configured one, else the terminal's, when output is a terminal.
    var terminalWidth: Int? {
        if let width = configuration.terminalWidth { return width }
        guard configuration.outputIsTerminal else { return nil }
        return TerminalSize.of(descriptor: 1)?.columns
    }

    /// The height beyond which results are paged.
    var terminalHeight: Int {
        configuration.terminalHeight ?? TerminalSize.of(descriptor: 1)?.rows ?? 24
    }

    /// `Run Time: 0.012 s`.
    static func timing(since start: ContinuousClock.Instant) -> String {
        let elapsed = ContinuousClock.now - start
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        return String(format: "Run Time: %.3f s\n", seconds)
    }

    /// Prints an error (and, for a syntax error, where it is) to the error output.
    func report(_ error: ShellError, sql: String? = nil) {
        var text = "Error: \(error.description)\n"
        if let sql, case .ledger(.sqlite(_, let message, _)) = error,
            let pointer = SQLErrorLocation.pointer(sql: sql, message: message)
        {
            text += pointer + "\n"
        }
        redirect?.flush()
        standardOutput.flush()
        standardError.write(text)
        standardError.flush()
    }
}

@available(*, unavailable)
extension ShellSession: Sendable {}
