import ArgumentParser
import Foundation
import Ledger
import Shell

/// The output options `report` and `report drift` share.
struct ReportOutputOptions: ParsableArguments {
    @Option(help: "table, csv, json, markdown or html.") var format: ReportFormat = .table
    @Option(help: "Write to FILE instead of standard output.") var output: String?
    @Flag(help: "Draw sparklines with ASCII characters (the default when the locale is not UTF-8).") var ascii = false
    @Option(name: .customLong("as-of"), help: "As the ledger knew it at TIME (ISO 8601, or a date).") var asOf: String?

    /// True when sparklines must avoid block characters.
    var asciiOnly: Bool { ascii || !Environment.isUTF8Locale }

    /// The time a report answers for, as the HTML page states it: `--as-of` as given and in UTC, or now.
    func describeTime(_ utc: String) -> String { asOf.map { "\($0) (\(utc))" } ?? "now (\(utc))" }

    /// The ledger, answering as of `--as-of` when given.
    func open(_ global: GlobalOptions) throws -> LedgerReader {
        let ledger = try global.openReader()
        if let asOf { try ledger.setAsOf(asOf) }
        return ledger
    }

    /// Runs `body` with a writer to `--output` (replaced whole when done) or standard output.
    func write(_ body: (_ write: @escaping (String) -> Void) throws -> Void) throws {
        guard let output else {
            let stdout = FileDescriptorWriter(descriptor: 1, owns: false)
            try body(stdout.write)
            stdout.flush()
            return
        }
        let text = TextBuffer()
        try body(text.append)
        do {
            try Data(text.value.utf8).write(to: URL(fileURLWithPath: output), options: .atomic)
        } catch {
            throw ReportOutputError(path: output, reason: (error as NSError).localizedDescription)
        }
    }
}
