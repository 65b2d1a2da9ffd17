import ArgumentParser
import Shell

/// `--format` of `report`: the row formats of `query`, plus one self-contained HTML page.
enum ReportFormat: String, ExpressibleByArgument, CaseIterable {
    case table, csv, json, markdown, html

    /// The row format, for all but html.
    var resultFormat: ResultFormat? {
        switch self {
        case .table: .table
        case .csv: .csv
        case .json: .json
        case .markdown: .markdown
        case .html: nil
        }
    }
}
