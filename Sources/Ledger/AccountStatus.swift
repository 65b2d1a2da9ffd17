/// Names for Meta's numeric `account_status`.
enum AccountStatus {
    static let names: [String: String] = [
        "1": "ACTIVE", "2": "DISABLED", "3": "UNSETTLED", "7": "PENDING_RISK_REVIEW", "8": "PENDING_SETTLEMENT",
        "9": "IN_GRACE_PERIOD", "100": "PENDING_CLOSURE", "101": "CLOSED", "201": "ANY_ACTIVE", "202": "ANY_CLOSED",
    ]

    static func name(of code: String) -> String { names[code] ?? code }
}
