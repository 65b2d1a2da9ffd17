/// Why a sync could not run or did not finish.
public enum SyncError: Error, CustomStringConvertible, Sendable {
    case noAccounts
    case invalidDate(String)
    case invalidRange(since: String, until: String)
    /// Some accounts stopped; the summary says which and why (everything fetched before is kept).
    case accountsFailed(SyncSummary)

    public var description: String {
        switch self {
        case .noAccounts:
            "no ad account to sync; pass --account act_<digits>, or --brand B with linked accounts (adledger brand link), or set META_AD_ACCOUNT_ID"
        case .invalidDate(let text):
            "invalid date \(text); use YYYY-MM-DD"
        case .invalidRange(let since, let until):
            "--since \(since) is after --until \(until); swap them"
        case .accountsFailed(let summary):
            summary.accounts.compactMap { account in account.error.map { "\(account.accountId): \($0)" } }
                .joined(separator: "; ") + " — rows fetched before the failure are kept; run the same sync again to resume"
        }
    }
}
