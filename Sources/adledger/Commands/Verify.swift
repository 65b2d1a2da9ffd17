import ArgumentParser
import Foundation
import Ledger

extension Adledger {
    struct Verify: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract:
                "Check the hash chain and payloads, and re-derive the projections (exit 2 when anything is wrong).")
        @OptionGroup var global: GlobalOptions
        @Option(help: "text, or json: one object (keys in the README's Scripting section).") var format: SummaryFormat =
            .text

        func run() throws {
            let report = try global.openReader().verify()
            switch format {
            case .json:
                try Printer.json(report)
            case .text where report.ok:
                print(
                    "ok: \(report.events) events, \(report.payloads) payloads, hash chain intact, projections match the log"
                )
            case .text:
                for problem in report.problems { FileHandle.standardError.write(Data("verify: \(problem)\n".utf8)) }
            }
            if !report.ok { throw ExitCode(2) }
        }
    }
}
