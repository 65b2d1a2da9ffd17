import Ledger
import MetaGraph

extension AccountOutcome {
    /// Records why the account stopped, and whether a person must act before a re-run can get further
    /// (``stoppingError``): a missing, invalid or expired token, a missing permission, a wrong account id,
    /// a bad configuration, or a ledger that cannot be written. Anything else (network, Meta's 5xx,
    /// throttling that outlasted its retries, a busy ledger) a later run resumes past.
    mutating func fail(with error: any Error) {
        self.error = String(describing: error)
        switch error {
        case let error as GraphError: stoppingError = AccountSync.isFatal(error)
        case LedgerError.busy, LedgerError.interrupted: stoppingError = false
        default: stoppingError = true
        }
    }
}
