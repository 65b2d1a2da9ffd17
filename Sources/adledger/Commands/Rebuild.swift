import ArgumentParser
import Foundation
import Ledger

extension Adledger {
    struct Rebuild: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Rebuild every projection from the log (fresh tables swapped in one transaction).")
        @OptionGroup var global: GlobalOptions
        @Flag(name: .customLong("dry-run"), help: "Print what would change; change nothing.") var dryRun = false
        @Option(help: "text, or json: one object (keys in the README's Scripting section).") var format: SummaryFormat =
            .text

        func run() throws {
            let report = try global.openWriter().rebuild(dryRun: dryRun)
            guard format == .text else { return try Printer.json(report) }
            for diff in report.diffs { print(diff.summary) }
            if report.previousNormalizerVersion != report.normalizerVersion {
                print(
                    "normalizer \(report.previousNormalizerVersion) → \(report.normalizerVersion): every stored version "
                        + "\(dryRun ? "would be" : "was") recomputed from its raw payload, with no re-fetch")
            }
            for note in report.notes { print("note: \(note)") }
            print(
                dryRun ? "dry run: nothing changed (\(report.events) events)" : "rebuilt from \(report.events) events")
        }
    }
}
