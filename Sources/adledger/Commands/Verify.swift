import ArgumentParser
import Ledger
import Foundation

extension Adledger {
    struct Verify: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check the hash chain and payloads, and re-derive the projections.")
        @OptionGroup var global: GlobalOptions

        func run() throws {
            let report = try global.open(readOnly: true).verify()
            guard report.ok else {
                for problem in report.problems { FileHandle.standardError.write(Data("verify: \(problem)\n".utf8)) }
                throw ExitCode(2)
            }
            print("ok: \(report.events) events, \(report.payloads) payloads, hash chain intact, projections match the log")
        }
    }
}
