import ArgumentParser
import Foundation
import Ledger

extension Adledger {
    struct Rebuild: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Rebuild every projection from the log (fresh tables swapped in one transaction).")
        @OptionGroup var global: GlobalOptions
        @Flag(name: .customLong("dry-run"), help: "Print what would change; change nothing.") var dryRun = false

        func run() throws {
            let report = try global.open(readOnly: false).rebuild(dryRun: dryRun)
            for diff in report.diffs { print(diff.summary) }
            print(dryRun ? "dry run: nothing changed (\(report.events) events)" : "rebuilt from \(report.events) events")
        }
    }
}
