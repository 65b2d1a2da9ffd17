import ArgumentParser
import Foundation
import Ledger
import Shell

/// `--format` values of commands that print rows.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case table, csv, json, markdown

    var resultFormat: ResultFormat {
        switch self {
        case .table: .table
        case .csv: .csv
        case .json: .json
        case .markdown: .markdown
        }
    }
}

/// Prints results to stdout through the shell's renderer.
enum Printer {
    static func query(_ ledger: Ledger, sql: String, parameters: [String: String] = [:], format: OutputFormat) throws {
        var renderer = ResultRenderer(format: format.resultFormat, write: StandardOutput.write)
        try ledger.query(sql, parameters: parameters, columns: { renderer.begin(columns: $0) }, row: { renderer.add($0) })
        renderer.end()
        StandardOutput.flush()
    }

    static func rows(columns: [String], rows: [[SQLValue]], format: OutputFormat) {
        var renderer = ResultRenderer(format: format.resultFormat, write: StandardOutput.write)
        renderer.begin(columns: columns)
        for row in rows { renderer.add(row) }
        renderer.end()
        StandardOutput.flush()
    }
}

/// Buffered stdout for large results.
enum StandardOutput {
    nonisolated(unsafe) private static var buffer: [UInt8] = []

    static func write(_ text: String) {
        buffer.append(contentsOf: text.utf8)
        if buffer.count >= 1 << 16 { flush() }
    }

    static func flush() {
        guard !buffer.isEmpty else { return }
        FileHandle.standardOutput.write(Data(buffer))
        buffer.removeAll(keepingCapacity: true)
    }
}
