import JSON
import MetaGraph
import Normalization

/// Checks an ad account before `brand link` trusts it: the id's format, then the account object (does it
/// exist, may the token read it), then one account-level insights row (may the token read its insights).
/// A refusal is `SyncError.accountRefused` with the reason Meta's code gives; other failures (no route to
/// Meta, retries exhausted) stay `GraphError`.
struct AccountCheck {
    let client: GraphClient

    /// The account id (`act_<digits>`) and its object as Meta sent it.
    func run(_ account: String) throws -> (accountId: String, object: JSONValue) {
        guard let accountId = AccountId.normalize(account) else {
            throw SyncError.accountRefused(accountId: account, reason: .invalidFormat, detail: nil)
        }
        let object: JSONValue
        do {
            object = try client.fetchAccount(accountId)
        } catch {
            throw Self.refusal(error, accountId: accountId, what: nil)
        }
        do {
            try client.probeInsights(accountId: accountId)
        } catch {
            throw Self.refusal(error, accountId: accountId, what: "insights")
        }
        return (accountId, object)
    }

    /// The refusal `error` means, or `error` itself when it says nothing about the account or the token.
    static func refusal(_ error: GraphError, accountId: String, what: String?) -> any Error {
        guard let (reason, detail) = reason(error) else { return error }
        let text = [what.map { "\($0) cannot be read" }, detail.map(String.init(describing:))].compactMap { $0 }
        return SyncError.accountRefused(
            accountId: accountId, reason: reason, detail: text.isEmpty ? nil : text.joined(separator: ": "))
    }

    /// The reason Meta's answer gives, by error class (never by message text), with Meta's error when sent.
    static func reason(_ error: GraphError) -> (AccountCheckReason, GraphErrorDetail?)? {
        switch error {
        case .invalidAccountId(_, let meta): (meta == nil ? .invalidFormat : .notFound, meta)
        case .permissionDenied(_, let meta): (.noAccess, meta)
        case .invalidToken(let meta): (meta.subcode == 463 ? .tokenExpired : .tokenInvalid, meta)
        case .throttledTooLong(_, let meta): (.rateLimited, meta)
        default: nil
        }
    }
}
