import Foundation
import Ledger
import Shell

/// Text a session wrote, captured by its output closures.
final class CapturedText {
    var text = ""
}

/// One run of a session over a script, as the non-TTY path runs it.
struct ShellRun {
    let status: Int32
    let output: String
    let errors: String

    /// Runs `script` (lines of SQL and dot-commands) through a session over `ledger`.
    init(_ script: String, on ledger: TestLedger, configuration: ShellConfiguration = ShellConfiguration()) throws {
        let session = try Self.session(on: ledger, configuration: configuration)
        status = session.session.run(
            lines: script.split(separator: "\n", omittingEmptySubsequences: false).map(String.init))
        output = session.output.text
        errors = session.errors.text
    }

    /// Runs one `-c` command.
    init(command: String, on ledger: TestLedger, configuration: ShellConfiguration = ShellConfiguration()) throws {
        let session = try Self.session(on: ledger, configuration: configuration)
        status = session.session.runCommand(command)
        output = session.output.text
        errors = session.errors.text
    }

    static func session(on ledger: TestLedger, configuration: ShellConfiguration) throws
        -> (session: ShellSession, output: CapturedText, errors: CapturedText)
    {
        let output = CapturedText()
        let errors = CapturedText()
        let session = ShellSession(
            ledger: try ledger.open(), configuration: configuration,
            output: { output.text += $0 }, errorOutput: { errors.text += $0 })
        return (session, output, errors)
    }
}
