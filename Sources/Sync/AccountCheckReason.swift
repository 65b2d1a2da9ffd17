import Foundation

/// Why `brand link` accepted or refused an ad account, with the codes of the service adledger replaces
/// (ok, invalid format, not found, no access, rate limited) plus the two token failures.
public enum AccountCheckReason: String, Sendable, CaseIterable {
    /// Meta returned the account object and one insights row request succeeded.
    case ok
    /// The id is not `act_<digits>` (checked locally, no request sent).
    case invalidFormat = "invalid_format"
    /// Meta says the id names no ad account (code 100 on the account path).
    case notFound = "not_found"
    /// The token may not read the account or its insights (codes 10, 200–299, 100/33).
    case noAccess = "no_access"
    /// Meta throttled the check (codes 4, 17, 32, 613, 80000–80014).
    case rateLimited = "rate_limited"
    /// The token has expired (code 190, subcode 463).
    case tokenExpired = "token_expired"
    /// The token is invalid for another reason (code 190, other subcodes).
    case tokenInvalid = "token_invalid"

    /// The reason in words, e.g. `not found`.
    public var label: String { rawValue.replacingOccurrences(of: "_", with: " ") }

    /// What to do about it.
    var fix: String {
        switch self {
        case .ok: "nothing to do"
        case .invalidFormat: "write the id as act_<digits>, as Ads Manager shows it"
        case .notFound: "check the account id in Ads Manager or Business settings"
        case .noAccess: "grant the token's user or system user ads_read on the account in Business Manager"
        case .rateLimited: "wait a few minutes, then run brand link again"
        case .tokenExpired, .tokenInvalid:
            "get a new token (Graph API Explorer or a system user) and set META_GRAPH_API_TOKEN"
        }
    }
}
