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

    /// Opens the ledger for writing, creating it when missing.
    func openWriter() throws -> Ledger {
        try Ledger(path: resolvedPath, clock: TestHooks.clock())
    }

    /// Opens the ledger for reading; the file must already be a ledger.
    func openReader() throws -> LedgerReader {
        try LedgerReader(path: resolvedPath, clock: TestHooks.clock())
    }
}
