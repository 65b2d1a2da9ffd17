import ArgumentParser
import Foundation
import Ledger
import Shell

/// Prints results to stdout through the shell's renderer.
enum Printer {
    static func query(_ ledger: Ledger, sql: String, parameters: [String: String] = [:], format: OutputFormat) throws {
        let output = StandardOutput()
        var renderer = ResultRenderer(format: format.resultFormat, write: output.write)
        try ledger.query(sql, parameters: parameters, columns: { renderer.begin(columns: $0) }, row: { renderer.add($0) })
        renderer.end()
        output.flush()
    }

    static func rows(columns: [String], rows: [[SQLValue]], format: OutputFormat) {
        let output = StandardOutput()
        var renderer = ResultRenderer(format: format.resultFormat, write: output.write)
        renderer.begin(columns: columns)
        for row in rows { renderer.add(row) }
        renderer.end()
        output.flush()
    }
}

