import ArgumentParser
import Foundation
import Ledger

extension Adledger {
    struct Status: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Summarise the ledger: events, projections, syncs.")
        @OptionGroup var global: GlobalOptions
        @Option(help: "text, or json: one object (keys in the README's Scripting section).") var format: SummaryFormat =
            .text

        func run() throws {
            let status = try global.openReader().status()
            guard format == .text else { return try Printer.json(status) }
            let width = status.lines.map(\.0.count).max() ?? 0
            for (key, value) in status.lines {
                print(key.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + value)
            }
        }
    }
}
