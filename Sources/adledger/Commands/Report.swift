import ArgumentParser
import Foundation
import Ledger

extension ReportGrouping: ExpressibleByArgument {}

extension Adledger {
    struct Report: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Performance of mapped creatives, grouped (money per currency, never summed across).")
        @OptionGroup var global: GlobalOptions
        @Option(help: "creative, concept, format or brand.") var by: ReportGrouping = .creative
        @Option(help: "First day (YYYY-MM-DD).") var since: String?
        @Option(help: "Last day (YYYY-MM-DD).") var until: String?
        @Option(help: "table, csv, json or markdown.") var format: OutputFormat = .table
        @Option(name: .customLong("as-of"), help: "As the ledger knew it at TIME.") var asOf: String?

        func run() throws {
            let ledger = try global.open(readOnly: true)
            if let asOf { try ledger.setAsOf(asOf) }
            let (sql, parameters) = Ledger.reportSQL(by: by, since: since, until: until)
            try Printer.query(ledger, sql: sql, parameters: parameters, format: format)
        }
    }
}
