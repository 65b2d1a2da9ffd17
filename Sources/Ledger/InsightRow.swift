import JSON
import Normalization

/// The identity of one raw insight row: which ad, which day, which account, which breakdown.
struct InsightRow: Sendable {
    let accountId: String
    let adId: String
    let date: String
    /// `key=value` pairs of breakdown columns (e.g. `product_id`), sorted; empty without breakdowns.
    let breakdown: [String]

    /// The event stream of this row: `ad:<meta_ad_id>:<date>`, plus `:key=value` per breakdown.
    var stream: String {
        breakdown.isEmpty ? "ad:\(adId):\(date)" : (["ad:\(adId):\(date)"] + breakdown).joined(separator: ":")
    }

    /// The `insight.fetched` event that records `row` (this row's raw JSON) for run `runId`.
    func event(of row: JSONValue, runId: String) -> NewEvent {
        event(payload: .object([("account_id", .string(accountId)), ("row", row)]), runId: runId)
    }

    /// The `insight.fetched` event of this row's stream for run `runId`, with `payload` as given.
    func event(payload: JSONValue, runId: String) -> NewEvent {
        NewEvent(kind: .insightFetched, stream: stream, payload: payload, meta: .object([("run_id", .string(runId))]))
    }

    /// Checks a row and finds its identity; `account` is the `--account` given, if any.
    /// `pageAccount` is the account a saved page was fetched for (from its paging URLs), used when neither
    /// `--account` nor the row names one.
    init(_ row: JSONValue, account: String?, locator: String, pageAccount: String? = nil) throws(LedgerError) {
        guard case .object = row else {
            throw .invalidInput(source: locator, reason: "an insight row must be a JSON object")
        }
        guard let adId = row["ad_id"]?.scalarText, !adId.isEmpty, adId.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 })
        else {
            let hint = row["ad_id"] == nil && row["account_id"] != nil
                ? " (this looks like a level=account or level=campaign row; adledger keeps level=ad rows)" : ""
            throw .invalidInput(source: locator, reason: "row has no valid ad_id\(hint); request level=ad insights")
        }
        let date = try Self.calendarDate(row, "date_start", locator: locator)
        if row["date_stop"] != nil {
            let stop = try Self.calendarDate(row, "date_stop", locator: locator)
            guard stop == date else {
                throw .invalidInput(
                    source: locator,
                    reason: "row covers \(date)..\(stop), not one day; request insights with time_increment=1")
            }
        }
        let rowAccount = row["account_id"]?.scalarText
        let resolved: String
        switch (account, rowAccount) {
        case (let given?, let fromRow?):
            guard let normalized = AccountId.normalize(fromRow) else { throw .invalidAccountId(fromRow) }
            guard normalized == given else {
                throw .invalidInput(
                    source: locator, reason: "row belongs to \(normalized) but --account says \(given); drop --account")
            }
            resolved = given
        case (let given?, nil): resolved = given
        case (nil, let fromRow?):
            guard let normalized = AccountId.normalize(fromRow) else { throw .invalidAccountId(fromRow) }
            resolved = normalized
        case (nil, nil):
            guard let pageAccount else {
                throw .invalidInput(source: locator, reason: "row has no account_id; pass --account act_<digits>")
            }
            resolved = pageAccount
        }
        var breakdown: [String] = []
        for member in row.objectMembers ?? [] where Self.isBreakdownKey(member.key) {
            breakdown.append("\(member.key)=\(member.value.scalarText ?? member.value.canonicalText)")
        }
        self.accountId = resolved
        self.adId = adId
        self.date = date
        self.breakdown = breakdown.sorted()
    }

    init(accountId: String, adId: String, date: String, breakdown: [String]) {
        (self.accountId, self.adId, self.date, self.breakdown) = (accountId, adId, date, breakdown)
    }

    static func isBreakdownKey(_ key: String) -> Bool {
        // Every breakdown key is ASCII with none of the three characters that decompose to ASCII (see
        // `InsightFields.field(named:)`), so byte equality is the string equality a dictionary would use.
        var key = key
        return key.withUTF8 { InsightRowKeys.isBreakdownKey(utf8: $0) }
    }

    /// The row's `key` (`date_start` or `date_stop`) when it is a calendar date, else the error naming it.
    static func calendarDate(_ row: JSONValue, _ key: String, locator: String) throws(LedgerError) -> String {
        guard let value = row[key] else {
            throw .invalidInput(source: locator, reason: "row has no \(key); request insights with time_increment=1")
        }
        guard let text = value.stringValue, CalendarDate.isValid(text) else {
            let shown = MessageText.quoted(value.stringValue ?? value.canonicalText)
            throw .invalidInput(
                source: locator,
                reason: "\(key) \(shown) is not a calendar date (YYYY-MM-DD, a day that exists); fix or remove the row")
        }
        return text
    }
}
