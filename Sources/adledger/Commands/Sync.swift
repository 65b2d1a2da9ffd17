import ArgumentParser
import Foundation
import Logging
import Sync

extension Adledger {
    struct Sync: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Pull daily ad-level insights, accounts and campaigns from the Meta Graph API into the ledger.",
            discussion: """
                Accounts: --brand (its linked accounts), --account, else META_AD_ACCOUNT_ID. Days: --lookback days back \
                from the last day fully covered (from today on a first sync) through today, in each account's time \
                zone; --since/--until win. Running the same command again resumes an unfinished sync, skipping \
                the weekly chunks it completed. Token: \
                META_GRAPH_API_TOKEN (not needed with --replay). Also: META_GRAPH_BASE_URL, META_GRAPH_API_VERSION, \
                ADLEDGER_RATE_LIMIT (requests/minute ceiling).
                """)
        @OptionGroup var global: GlobalOptions
        @Option(help: "A brand whose linked accounts to sync (repeatable).") var brand: [String] = []
        @Option(help: "An ad account to sync, act_<digits> (repeatable).") var account: [String] = []
        @OptionGroup var days: DayRangeOptions
        @Option(
            help:
                "Re-read DAYS days back from the last day fully covered (from today on a first sync), in each account's time zone (default 28)."
        ) var lookback: Int?
        @Option(
            help:
                "The most requests in flight at once, chunks of one account and accounts together, \(SyncRequest.concurrencyRange.lowerBound)…\(SyncRequest.concurrencyRange.upperBound) (default \(SyncRequest.defaultConcurrency))."
        ) var concurrency: Int?
        @Option(help: "Seconds one HTTP request to Meta may take before it is retried (default 120).")
        var timeout: Double?
        @Option(
            name: .customLong("attribution-windows"),
            help:
                "Action attribution windows, comma-separated, from 1d_click, 7d_click, 28d_click, 1d_ev, 1d_view (default 7d_click,1d_view). 7d_view and 28d_view are refused: Meta stopped returning them on 2026-01-12."
        ) var attributionWindows: String?
        @Flag(
            name: .customLong("use-account-attribution-setting"),
            help: "Use each ad account's own attribution setting instead of windows (recorded as account_setting).")
        var useAccountAttributionSetting = false
        @Flag(
            name: .customLong("attribution-change"),
            help:
                "Sync under a different attribution setting than the account's last sync: re-fetched days get new versions (history keeps both)."
        ) var attributionChange = false
        @Option(help: "Save every exchange (token removed) under DIR.") var record: String?
        @Option(help: "Serve recorded exchanges from DIR: no network, no token.") var replay: String?
        @Flag(help: "Print the summary as JSON.") var json = false
        @Flag(help: "Print only problems (for cron): no progress, no summary when every account synced.")
        var quiet = false
        @Option(help: "Seconds to wait for another sync of this ledger to finish before giving up with exit 5.")
        var wait: Double = 10

        func validate() throws {
            if record != nil && replay != nil { throw ValidationError("use --record or --replay, not both") }
            _ = try settings.attribution()
            if json && quiet { throw ValidationError("use --json or --quiet, not both") }
            guard wait >= 0 else { throw ValidationError("--wait must be 0 or more seconds") }
        }

        /// Exit status: 0 every account synced, 3 some did not finish (a re-run resumes), 4 a stopping error
        /// (token, permission, account id), 5 another sync of the ledger is running (``SyncExitCode``).
        func run() throws {
            let lock: SyncLock
            do {
                lock = try SyncLock(ledgerPath: global.resolvedPath, wait: wait)
            } catch {
                guard case .busy = error else { throw error }
                Self.printProblem(error)
                throw SyncExitCode.busy.exitCode
            }
            defer { withExtendedLifetime(lock) {} }
            let line = ProgressLine(enabled: isatty(STDERR_FILENO) != 0 && !json && !quiet)
            var logger = Logger(
                label: "adledger.sync", factory: { label in StreamLogHandler.standardError(label: label) })
            logger.logLevel = Environment.value("ADLEDGER_LOG_LEVEL").flatMap(Logger.Level.init(rawValue:)) ?? .warning
            let runner = SyncRunner(ledgerPath: global.resolvedPath, now: try TestHooks.clock(), logger: logger)
            do {
                let summary = try runner.run(settings, progress: { line.update($0) })
                line.finish()
                if !quiet { try printSummary(summary) }
            } catch SyncError.accountsFailed(let summary) {
                line.finish()
                if !quiet { try printSummary(summary) }
                Self.printProblem(SyncError.accountsFailed(summary))
                throw SyncExitCode(summary).exitCode
            }
        }

        /// One line on stderr, as argument-parser prints a thrown error.
        private static func printProblem(_ error: any Error) {
            FileHandle.standardError.write(Data("Error: \(error)\n".utf8))
        }

        /// The flags, and the settings read from the environment, as the library takes them.
        var settings: SyncSettings {
            var settings = SyncSettings()
            settings.brands = brand
            settings.accounts = account
            settings.defaultAccount = Environment.value("META_AD_ACCOUNT_ID")
            settings.token = Environment.value("META_GRAPH_API_TOKEN")
            settings.baseURL = Environment.value("META_GRAPH_BASE_URL")
            settings.apiVersion = Environment.value("META_GRAPH_API_VERSION")
            settings.rateLimit = Environment.value("ADLEDGER_RATE_LIMIT")
            settings.since = days.since
            settings.until = days.until
            settings.lookbackDays = lookback
            settings.timeout = timeout
            settings.concurrency = concurrency
            settings.attributionWindows = attributionWindows
            settings.useAccountAttributionSetting = useAccountAttributionSetting
            settings.allowsAttributionChange = attributionChange
            if let record { settings.source = .record(directory: record) }
            if let replay { settings.source = .replay(directory: replay) }
            settings.waitsInstantly = TestHooks.waitsInstantly
            return settings
        }

        private func printSummary(_ summary: SyncSummary) throws {
            for warning in summary.warnings { FileHandle.standardError.write(Data("warning: \(warning)\n".utf8)) }
            if json { try Printer.json(summary, snakeCaseKeys: true) } else { print(summary.line) }
        }
    }
}
