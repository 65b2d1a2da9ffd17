import ArgumentParser
import Ledger
import Shell

extension Adledger.Report {
    struct Drift: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract:
                "How restatement moved a metric: its value at each day's age when fetched (+0…+28) vs the latest.",
            discussion: "Age is the UTC day of the fetch minus the ad-day's date. Reads only the history projection.")
        @OptionGroup var global: GlobalOptions
        @Option(help: "\(ReportMetric.all.map(\.name).joined(separator: "|")) (default purchases).")
        var metric = "purchases"
        @Option(help: "account or campaign.") var by = "account"
        @OptionGroup var days: DayRangeOptions
        @OptionGroup var output: ReportOutputOptions

        func run() throws {
            let ledger = try output.open(global)
            guard let grouping = ReportGrouping(rawValue: by.lowercased()) else {
                throw ValidationError("--by \(by): drift groups by account or campaign")
            }
            var request = DriftRequest(metric: try ReportMetric.named(metric), grouping: grouping)
            (request.since, request.until) = (days.since, days.until)
            let result = try ledger.drift(request)
            try output.write { write in
                guard let format = output.format.resultFormat else {
                    let page = HTMLReport(
                        ledgerPath: ledger.path, asOf: output.describeTime(result.latestAt),
                        normalizerVersion: try ledger.projectionNormalizerVersion(),
                        parameters: [("drift of", result.metric.name), ("--by", by)],
                        header: ReportHeader(columns: [], metric: result.metric, trendBuckets: [], trendUnit: nil),
                        rows: [], trendCharts: 0, drift: result)
                    write(page.document)
                    return
                }
                var renderer = ReportRenderer(format: format, ascii: output.asciiOnly, write: write)
                renderer.drift(result)
            }
        }
    }
}
