import ArgumentParser
import Foundation
import Ledger
import Shell

extension ReportGrouping: ExpressibleByArgument {}

extension Adledger {
    struct Report: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Performance of mapped creatives, grouped (money per currency, never summed across).")
        @OptionGroup var global: GlobalOptions
        @Option(help: "creative, concept, format or brand.") var by: ReportGrouping = .creative
        @OptionGroup var days: DayRangeOptions
        @Option(help: "table, csv, json or markdown.") var format: ResultFormat = .table
        @Option(name: .customLong("as-of"), help: "As the ledger knew it at TIME.") var asOf: String?

        func run() throws {
            let ledger = try global.open(readOnly: true)
            if let asOf { try ledger.setAsOf(asOf) }
            let (sql, parameters) = Ledger.reportSQL(by: by, since: days.since, until: days.until)
            try Printer.query(ledger, sql: sql, parameters: parameters, format: format)
        }
    }
}
