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
        try Ledger(path: resolvedPath, readOnly: readOnly, clock: Environment.clock())
    }
}

/// The process environment, read only here in the CLI (library code never reads it).
enum Environment {
    static func value(_ name: String) -> String? {
        guard let value = ProcessInfo.processInfo.environment[name], !value.isEmpty else { return nil }
        return value
    }

    /// The ledger's clock: real time, or ADLEDGER_NOW (ISO 8601) frozen, for reproducible demos and tests.
    static func clock() throws -> @Sendable () -> Date {
        guard let text = value("ADLEDGER_NOW") else { return { Date() } }
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        let plain = ISO8601DateFormatter()
        guard let date = formatter.date(from: text) ?? plain.date(from: text) else {
            throw ValidationError("ADLEDGER_NOW must be ISO 8601, e.g. 2025-12-20T10:00:00Z")
        }
        return { date }
    }
}
