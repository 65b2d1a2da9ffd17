import ArgumentParser
import Foundation
import Ledger
import Shell

extension Adledger.Export {
    struct Table: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write every row of one projection or view, the rows `query` gives, as JSON lines or CSV.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "A projection or view, e.g. meta_ads_performance.") var name: String
        @Option(name: .customLong("as-of"), help: "The rows as the ledger knew them at TIME (ISO 8601, or a date).")
        var asOf: String?
        @Option(help: "jsonl (one object per line) or csv (a header line, then rows).") var format: TableFormat
        @Option(help: "Write to FILE (replaced atomically) instead of standard output.") var output: String?
        @Flag(help: "Compress the output with gzip.") var gzip = false

        enum TableFormat: String, ExpressibleByArgument, CaseIterable {
            case jsonl, csv

            var resultFormat: ResultFormat { self == .csv ? .csv : .jsonl }
        }

        func run() throws {
            let ledger = try global.openReader()
            if let asOf { try ledger.setAsOf(asOf) }
            let sql = try ledger.exportTableSQL(name)
            let file = try ExportFile(path: output, gzip: gzip)
            var failure: (any Error)?
            var renderer = ResultRenderer(format: format.resultFormat) { text in
                do { try file.write(text) } catch { failure = failure ?? error }
            }
            try ledger.query(sql, columns: { renderer.begin(columns: $0) }, row: { renderer.add($0) })
            let rows = renderer.end()
            if let failure { throw failure }
            try file.commit()
            if let output { print("exported \(rows) rows of \(name) to \(output)") }
        }
    }
}
