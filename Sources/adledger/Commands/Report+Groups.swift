import ArgumentParser
import Foundation
import Ledger
import Shell

extension Adledger.Report {
    struct Groups: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Performance grouped by creative, Meta structure or time; unmapped ads as \"(unmapped)\".")
        @OptionGroup var global: GlobalOptions
        @Option(
            help: "One or two of \(ReportGrouping.allCases.map(\.rawValue).joined(separator: "|")), e.g. concept,week.")
        var by = "creative"
        @OptionGroup var days: DayRangeOptions
        @Option(help: "Only this brand (the creative's, or the account's for unmapped ads).") var brand: String?
        @Option(help: "Only this ad account (act_N).") var account: String?
        @Option(help: "Only this campaign id.") var campaign: String?
        @Option(name: .customLong("min-spend"), help: "Leave out groups that spent less (in their currency).")
        var minSpend: Double?
        @Option(help: "Keep the first N groups per currency by --order-by.") var top: Int?
        @Option(help: "Keep the last N groups per currency by --order-by.") var bottom: Int?
        @Option(
            name: .customLong("order-by"),
            help: "\(ReportMetric.all.map(\.name).joined(separator: "|")) (default spend).")
        var orderBy: String?
        @Flag(name: .customLong("mapped-only"), help: "Leave out ads not linked to a generated creative.")
        var mappedOnly = false
        @Flag(help: "Add a sparkline of the --order-by metric per group across the range.") var trend = false
        @OptionGroup var output: ReportOutputOptions

        func validate() throws {
            if top != nil && bottom != nil { throw ValidationError("use --top or --bottom, not both") }
        }

        func request() throws -> ReportRequest {
            var groupings: [ReportGrouping] = []
            for name in by.split(separator: ",", omittingEmptySubsequences: false) {
                let trimmed = name.trimmingCharacters(in: .whitespaces).lowercased()
                guard let grouping = ReportGrouping(rawValue: trimmed) else {
                    throw ValidationError(
                        "--by \(by): \"\(trimmed)\" is not a grouping; use one or two of \(ReportGrouping.allCases.map(\.rawValue).joined(separator: ", "))"
                    )
                }
                groupings.append(grouping)
            }
            var request = ReportRequest(groupings: groupings)
            (request.since, request.until, request.brand) = (days.since, days.until, brand)
            (request.account, request.campaign, request.minSpend) = (account, campaign, minSpend)
            request.rank = top.map(ReportRank.top) ?? bottom.map(ReportRank.bottom)
            request.orderBy = try orderBy.map(ReportMetric.named)
            request.mappedOnly = mappedOnly
            request.trend = trend
            return request
        }

        func run() throws {
            let ledger = try output.open(global)
            var request = try request()
            guard let format = output.format.resultFormat else {
                request.trend = !request.groupings.contains(where: \.isTime)
                let (header, rows) = try ledger.report(request)
                var drift = DriftRequest(metric: try request.orderBy ?? ReportMetric.named("purchases"))
                (drift.since, drift.until) = (days.since, days.until)
                let driftResult = try ledger.drift(drift)
                let page = HTMLReport(
                    ledgerPath: ledger.path, asOf: output.describeTime(driftResult.latestAt),
                    normalizerVersion: try ledger.projectionNormalizerVersion(),
                    parameters: parameters, header: header, rows: rows, trendCharts: top ?? bottom ?? 10,
                    drift: driftResult)
                try output.write { $0(page.document) }
                return
            }
            try output.write { write in
                var renderer = ReportRenderer(format: format, ascii: output.asciiOnly, write: write)
                try ledger.report(request, header: { renderer.begin($0) }, row: { renderer.add($0) })
                renderer.end()
            }
        }

        /// The flags given, for the HTML page.
        var parameters: [(String, String)] {
            let all: [(String, String?)] = [
                ("--by", by), ("--since", days.since), ("--until", days.until), ("--brand", brand), ("--account", account),
                ("--campaign", campaign), ("--min-spend", minSpend.map { "\($0)" }), ("--top", top.map(String.init)),
                ("--bottom", bottom.map(String.init)), ("--order-by", orderBy),
                ("--mapped-only", mappedOnly ? "yes" : nil),
            ]
            return all.compactMap { name, value in value.map { (name, $0) } }
        }
    }
}
