/// Why a sync could not run or did not finish.
public enum SyncError: Error, CustomStringConvertible, Sendable {
    case noAccounts
    case invalidRange(since: String, until: String)
    case brandWithoutAccounts(String)
    case invalidRateLimit(String)
    case invalidTimeout(Double)
    case invalidConcurrency(Int)
    case invalidLookback(Int)
    /// `--attribution-windows` named a window Meta stopped returning on 2026-01-12.
    case removedAttributionWindow(String)
    /// `--attribution-windows` named a window Meta does not know.
    case unknownAttributionWindow(String)
    /// `--attribution-windows` and `--use-account-attribution-setting` were both given.
    case conflictingAttribution
    /// The ledger holds the account's rows under another attribution setting, and `--attribution-change` was not given.
    case attributionChanged(account: String, held: String, requested: String)
    /// Some accounts stopped; the summary says which and why (everything fetched before is kept).
    case accountsFailed(SyncSummary)
    /// `brand link` refused the account: Meta's answer (or the id's format) gave `reason`; nothing was linked.
    case accountRefused(accountId: String, reason: AccountCheckReason, detail: String?)

    public var description: String {
        switch self {
        case .noAccounts:
            "no ad account to sync; pass --account act_<digits>, or --brand B with linked accounts (adledger brand link), or set META_AD_ACCOUNT_ID"
        case .invalidRange(let since, let until):
            "--since \(since) is after --until \(until); swap them"
        case .brandWithoutAccounts(let brand):
            "brand \(brand) has no linked ad accounts; link one with `adledger brand link \(brand) act_<digits>`"
        case .invalidRateLimit(let text):
            "ADLEDGER_RATE_LIMIT is \"\(text)\"; set it to a positive number of requests per minute"
        case .invalidTimeout(let seconds):
            "--timeout \(seconds) is out of range; give the seconds one HTTP request may take, more than 0 and at most \(Int(SyncRequest.timeoutRange.upperBound))"
        case .invalidConcurrency(let count):
            "--concurrency \(count) is out of range; give \(SyncRequest.concurrencyRange.lowerBound)…\(SyncRequest.concurrencyRange.upperBound) (default \(SyncRequest.defaultConcurrency))"
        case .invalidLookback(let days):
            "--lookback \(days) is out of range; give \(SyncRequest.lookbackRange.lowerBound)…\(SyncRequest.lookbackRange.upperBound) days (Meta keeps 37 months)"
        case .accountRefused(let accountId, let reason, let detail):
            "cannot link \(accountId): \(reason.label)\(detail.map { " (\($0))" } ?? ""); \(reason.fix)"
        case .removedAttributionWindow(let window):
            "attribution window \(window) is no longer available: Meta stopped returning 7d_view and 28d_view on 2026-01-12; use 1d_view, 1d_click, 7d_click or 28d_click"
        case .unknownAttributionWindow(let window):
            "attribution window \"\(window)\" is not one Meta returns; give a comma-separated list of \(AttributionSetting.supportedWindows.joined(separator: ", ")) (default 7d_click,1d_view)"
        case .conflictingAttribution:
            "--attribution-windows and --use-account-attribution-setting ask for two settings; give one"
        case .attributionChanged(let account, let held, let requested):
            "\(account)'s rows were fetched under attribution \(held) and this sync asks for \(requested), so re-fetched days would replace them; pass --attribution-change to do it on purpose (history keeps both), or sync under \(held)"
        case .accountsFailed(let summary):
            summary.accounts.compactMap { account in account.error.map { "\(account.accountId): \($0)" } }
                .joined(separator: "; ") + " — rows fetched before the failure are kept; run the same sync again to resume"
        }
    }
}
