import ArgumentParser
import Foundation
import Ledger
import Shell

extension Adledger {
    struct Shell: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "An SQL shell over the projections (readline on a terminal; reads a script from stdin otherwise).",
            discussion: "History: $ADLEDGER_HISTORY (default ~/.adledger_history). Start-up commands: ~/.adledgerrc. Type .help inside.")
        @OptionGroup var global: GlobalOptions
        @Option(name: .customShort("c"), help: "Run one SQL statement or dot-command, then exit.") var command: String?

        func run() throws {
            let home = Environment.value("HOME") ?? NSHomeDirectory()
            let session = ShellSession(
                ledger: try global.openReader(),
                configuration: ShellConfiguration(
                    historyPath: Environment.value("ADLEDGER_HISTORY") ?? home + "/.adledger_history",
                    rcPath: home + "/.adledgerrc",
                    pager: ShellConfiguration.pagerCommand(environment: ProcessInfo.processInfo.environment),
                    isInteractive: command == nil && isatty(STDIN_FILENO) == 1,
                    outputIsTerminal: isatty(STDOUT_FILENO) == 1, asciiOnly: !Environment.isUTF8Locale))
            let status = command.map(session.runCommand) ?? session.run()
            if status != 0 { throw ExitCode(status) }
        }
    }
}
