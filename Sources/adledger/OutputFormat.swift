import ArgumentParser
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
