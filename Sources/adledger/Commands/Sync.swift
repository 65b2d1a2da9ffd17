import ArgumentParser
import Foundation
import Ledger
import Logging
import MetaGraph
import Normalization
import Sync

extension Adledger {
    struct Sync: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Pull daily ad-level insights, accounts and campaigns from the Meta Graph API into the ledger.",
            discussion: """
                Accounts: --brand (its linked accounts), --account, else META_AD_ACCOUNT_ID. Days: from the last day \
                already covered minus --lookback through today, in each account's time zone. Token: \
                META_GRAPH_API_TOKEN (not needed with --replay). Also: META_GRAPH_BASE_URL, META_GRAPH_API_VERSION, \
                ADLEDGER_RATE_LIMIT (requests/minute ceiling).
                """)
        @OptionGroup var global: GlobalOptions
        @Option(help: "A brand whose linked accounts to sync (repeatable).") var brand: [String] = []
        @Option(help: "An ad account to sync, act_<digits> (repeatable).") var account: [String] = []
        @Option(help: "First day, YYYY-MM-DD.") var since: String?
        @Option(help: "Last day, YYYY-MM-DD.") var until: String?
        @Option(
            help: "Re-read the last DAYS days, counted back from today in each account's time zone (default: 28 days before the last day already covered, so gaps are filled)."
        ) var lookback: Int?
        @Option(help: "Save every exchange (token removed) under DIR.") var record: String?
        @Option(help: "Serve recorded exchanges from DIR: no network, no token.") var replay: String?
        @Flag(help: "Print the summary as JSON.") var json = false

        func validate() throws {
            if record != nil && replay != nil { throw ValidationError("use --record or --replay, not both") }
            if let lookback, !(0...1_100).contains(lookback) {
                throw ValidationError("--lookback must be 0…1100 days (Meta keeps 37 months)")
            }
        }

        func run() throws {
            let ledger = try global.open(readOnly: false)
            var accounts = account
            for name in brand {
                let linked = try ledger.accounts(ofBrand: name)
                guard !linked.isEmpty else {
                    throw ValidationError("brand \(name) has no linked ad accounts; link one with `adledger brand link \(name) act_<digits>`")
                }
                accounts += linked
            }
            if accounts.isEmpty, let fallback = Environment.value("META_AD_ACCOUNT_ID") { accounts = [fallback] }
            var seen = Set<String>()
            accounts = accounts.filter { seen.insert(AccountId.normalize($0) ?? $0).inserted }

            let token: String
            if replay != nil {
                token = "replay"
            } else {
                guard let value = Environment.value("META_GRAPH_API_TOKEN") else { throw GraphError.missingToken }
                token = value
            }
            var graph = try GraphConfiguration(
                token: token, baseURL: Environment.value("META_GRAPH_BASE_URL") ?? "https://graph.facebook.com",
                apiVersion: Environment.value("META_GRAPH_API_VERSION") ?? "v23.0")
            if let limit = Environment.value("ADLEDGER_RATE_LIMIT") {
                guard let perMinute = Int(limit), perMinute > 0 else {
                    throw ValidationError("ADLEDGER_RATE_LIMIT must be a positive number of requests per minute")
                }
                graph.rateLimitPerMinute = perMinute
            }
            // Test hooks (documented in the README's testing section): a short HTTP timeout, instant waits.
            if let timeout = Environment.value("ADLEDGER_HTTP_TIMEOUT").flatMap(Double.init) {
                graph.requestTimeout = timeout
                graph.connectTimeout = min(graph.connectTimeout, timeout)
            }
            var request = SyncRequest(accounts: accounts, graph: graph)
            request.waitsInstantly = Environment.value("ADLEDGER_INSTANT_WAITS") == "1"
            if let concurrency = Environment.value("ADLEDGER_SYNC_CONCURRENCY").flatMap(Int.init), concurrency > 0 {
                request.maxConcurrentAccounts = concurrency
            }
            request.since = since
            request.until = until
            if let lookback {
                request.lookbackDays = lookback
                request.lookbackFromToday = true
            }
            if let record { request.source = .record(directory: record) }
            if let replay { request.source = .replay(directory: replay) }

            let line = ProgressLine(enabled: isatty(STDERR_FILENO) != 0 && !json)
            var logger = Logger(label: "adledger.sync", factory: { label in StreamLogHandler.standardError(label: label) })
            logger.logLevel = Environment.value("ADLEDGER_LOG_LEVEL").flatMap(Logger.Level.init(rawValue:)) ?? .warning
            let runner = SyncRunner(ledgerPath: ledger.path, now: try Environment.clock(), logger: logger)
            do {
                let summary = try runner.run(request, progress: { line.update($0) })
                line.finish()
                print(json ? Self.json(summary) : summary.line)
            } catch SyncError.accountsFailed(let summary) {
                line.finish()
                print(json ? Self.json(summary) : summary.line)
                throw SyncError.accountsFailed(summary)
            }
        }

        static func json(_ summary: SyncSummary) -> String {
            let encoder = JSONEncoder()
            encoder.keyEncodingStrategy = .convertToSnakeCase
            encoder.outputFormatting = [.sortedKeys]
            return (try? encoder.encode(summary)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
        }
    }
}

