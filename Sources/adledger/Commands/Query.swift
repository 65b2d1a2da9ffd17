import ArgumentParser
import Foundation
import Ledger
import Shell

extension Adledger {
    struct Query: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Run one read-only SQL query over the projections.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The SQL (one statement).") var sql: String
        @Option(help: "table, csv, json or markdown.") var format: ResultFormat = .table
        @Option(name: .customLong("as-of"), help: "Answer as the ledger knew it at TIME (ISO 8601, or a date).")
        var asOf: String?

        func run() throws {
            let ledger = try global.openReader()
            if let asOf { try ledger.setAsOf(asOf) }
            try Printer.query(ledger, sql: sql, format: format)
        }
    }
}
