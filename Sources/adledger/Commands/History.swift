import ArgumentParser
import Foundation
import Ledger
import Shell

extension Adledger {
    struct History: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Every fetched version of an ad's days.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The Meta ad id.") var metaAdId: String
        @Option(help: "Only this day (YYYY-MM-DD).") var date: String?
        @Option(help: "table, csv, json or markdown.") var format: ResultFormat = .table

        func run() throws {
            let (columns, rows) = try global.openReader().history(adId: metaAdId, date: date)
            Printer.rows(columns: columns, rows: rows.map { $0.map { SQLValue.text($0) } }, format: format)
            guard format == .table else { return }
            let lines = HistorySparklines.lines(columns: columns, rows: rows, ascii: !Environment.isUTF8Locale)
            for line in lines { print(line) }
        }
    }
}
