import ArgumentParser
import Foundation
import Ledger
import Shell

/// Prints results to stdout through the shell's renderer.
enum Printer {
    static func query(_ ledger: LedgerReader, sql: String, parameters: [String: String] = [:], format: ResultFormat) throws {
        let output = FileDescriptorWriter(descriptor: 1, owns: false)
        var renderer = ResultRenderer(format: format, bytes: output.write(bytes:))
        try renderer.render(sql, parameters: parameters, on: ledger)
        output.flush()
    }

    static func rows(columns: [String], rows: [[SQLValue]], format: ResultFormat) {
        let output = FileDescriptorWriter(descriptor: 1, owns: false)
        var renderer = ResultRenderer(format: format, bytes: output.write(bytes:))
        renderer.begin(columns: columns)
        for row in rows { renderer.add(row) }
        renderer.end()
        output.flush()
    }

    static func rows<Row: TableRow>(_ values: [Row], format: ResultFormat) {
        rows(columns: Row.columns, rows: values.map(\.cells), format: format)
    }

    /// `value` as one line of JSON (`--json`, `--format json`).
    static func json(_ value: some Encodable, snakeCaseKeys: Bool = false) throws {
        print(try JSONOutput.text(value, snakeCaseKeys: snakeCaseKeys))
    }
}
