import ArgumentParser
import Foundation
import Ledger

extension Adledger {
    struct Status: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Summarise the ledger: events, projections, syncs.")
        @OptionGroup var global: GlobalOptions

        func run() throws {
            let lines = try global.open(readOnly: true).status()
            let width = lines.map(\.0.count).max() ?? 0
            for (key, value) in lines { print(key.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + value) }
        }
    }
}
