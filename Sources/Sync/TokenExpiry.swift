import Foundation

/// When an access token's expiry is worth a warning, and the warning's words (never the token).
enum TokenExpiry {
    /// Tokens that stop working within this many seconds get a warning: a week leaves time to renew.
    static let warningWindow: TimeInterval = 7 * 86_400

    /// A one-line warning when `expiresAt` is within `warningWindow` of `now` (or past); nil otherwise.
    static func warning(expiresAt: Date?, now: Date) -> String? {
        guard let expiresAt else { return nil }
        let left = expiresAt.timeIntervalSince(now)
        guard left < warningWindow else { return nil }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd HH:mm 'UTC'"
        let when = formatter.string(from: expiresAt)
        let fix = "get a new long-lived or system-user token and set META_GRAPH_API_TOKEN"
        guard left > 0 else { return "Meta reports that the access token expired at \(when); \(fix)" }
        let hours = Int(left / 3600)
        let span = hours >= 48 ? "\(hours / 24) days" : (hours >= 1 ? "\(hours) h" : "less than an hour")
        return "Meta reports that the access token expires at \(when) (in \(span)); \(fix) before then"
    }
}
