import ArgumentParser
import Foundation
import Ledger

/// Options every subcommand takes.
struct GlobalOptions: ParsableArguments {
    @Option(name: .customLong("db"), help: "The ledger file (default: $ADLEDGER_DB, else ./adledger.sqlite).")
    var databasePath: String?

    /// The ledger path from --db, else ADLEDGER_DB, else ./adledger.sqlite.
    var resolvedPath: String {
        databasePath ?? Environment.value("ADLEDGER_DB") ?? "./adledger.sqlite"
    }

    /// Opens the ledger; readers need an existing file, writers create it.
    func open(readOnly: Bool) throws -> Ledger {
        try Ledger(path: resolvedPath, readOnly: readOnly, clock: TestHooks.clock())
    }
}
