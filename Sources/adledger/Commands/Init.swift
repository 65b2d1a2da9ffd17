import ArgumentParser
import Foundation
import Ledger

extension Adledger {
    struct Init: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create a ledger (or upgrade an existing one).")
        @OptionGroup var global: GlobalOptions

        func run() throws {
            let ledger = try global.openWriter()
            print("ledger ready: \(ledger.path)")
        }
    }
}
