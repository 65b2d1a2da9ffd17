import JSON
import Normalization

/// One raw level=ad insight row of account 42, as a sync page holds it.
func insightRow(ad: String, date: String, spend: String = "10.50", currency: String? = "USD") -> JSONValue {
    var members: [(key: String, value: JSONValue)] = [
        ("account_id", .string("42")), ("ad_id", .string(ad)), ("ad_name", .string("WP | C3 | d4e5f6a7-WP-C3-SQ.png")),
        ("campaign_id", .string("9")), ("adset_id", .string("8")), ("date_start", .string(date)),
        ("date_stop", .string(date)), ("spend", .string(spend)), ("impressions", .string("1000")),
    ]
    if let currency { members.append(("account_currency", .string(currency))) }
    return .object(members)
}

/// An ad account object as Graph returns it.
func accountObject(_ id: String = "act_42", currency: String) -> JSONValue {
    .object([
        ("id", .string(id)), ("name", .string("Wild Pines")), ("currency", .string(currency)),
        ("timezone_name", .string("America/New_York")), ("account_status", .number("1")),
    ])
}
