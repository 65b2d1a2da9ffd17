import ArgumentParser
import Foundation
import Ledger
import Shell

extension Adledger {
    struct Events: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the latest events in the log.")
        @OptionGroup var global: GlobalOptions
        @Option(help: "Only events of this kind, e.g. insight.fetched.") var kind: String?
        @Option(help: "How many of the latest events.") var limit = 20
        @Option(help: "table, csv, json or markdown.") var format: ResultFormat = .table

        func validate() throws {
            if let kind, EventKind(rawValue: kind) == nil {
                throw ValidationError(
                    "unknown kind \(kind); kinds: \(EventKind.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            guard limit >= 0 else { throw ValidationError("--limit must be 0 or more") }
        }

        func run() throws {
            let (sql, parameters) = Ledger.eventsSQL(kind: kind, limit: limit)
            try Printer.query(try global.openReader(), sql: sql, parameters: parameters, format: format)
        }
    }
}
