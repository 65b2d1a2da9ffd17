import ArgumentParser
import Foundation
import Ledger

extension Adledger {
    struct Compact: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract:
                "Rewrite the ledger into the current layout (compressed payloads, 32-byte hashes): same events, same hashes.",
            discussion:
                "Without --to the file is replaced atomically (written beside it, synced, renamed); no other adledger may use it meanwhile. A kill leaves the source untouched.")
        @OptionGroup var global: GlobalOptions
        @Option(help: "Write the compacted ledger to this new file and leave the source as it is.") var to: String?
        @Option(help: "text, or json: one object.") var format: SummaryFormat = .text

        func run() throws {
            let report = try global.openWriter().compact(to: to)
            guard format == .text else { return try Printer.json(report) }
            print(
                "compacted \(report.events) events into \(report.destination): \(report.bytesBefore) → \(report.bytesAfter) bytes, \(report.compressedPayloads) payloads compressed"
            )
        }
    }
}
