import JSON
import Normalization
import Testing

@testable import Ledger

/// `meta_campaigns` budgets: Meta sends minor units; the projection holds major units (DESIGN §3, §4).
@Suite struct CampaignBudgetTests {
    static func campaign(_ id: String, daily: String?, lifetime: String?) -> JSONValue {
        var members: [(key: String, value: JSONValue)] = [
            ("id", .string(id)), ("name", .string("Campaign \(id)")), ("status", .string("ACTIVE")),
            ("effective_status", .string("ACTIVE")), ("objective", .string("OUTCOME_SALES")),
        ]
        if let daily { members.append(("daily_budget", .string(daily))) }
        if let lifetime { members.append(("lifetime_budget", .string(lifetime))) }
        return .object(members)
    }

    @Test(
        arguments: [
            // currency of the account, daily and lifetime budgets as sent, as stored
            ("USD", "5000", "123", ["50.0", "1.23"]),
            ("EUR", "99", nil, ["0.99", "NULL"]),
            ("JPY", "5000", "250000", ["5000.0", "250000.0"]),  // no minor unit
            ("KRW", "12345", nil, ["12345.0", "NULL"]),
        ] as [(String, String?, String?, [String])])
    func budgetsAreStoredInMajorUnits(currency: String, daily: String?, lifetime: String?, expected: [String]) throws {
        let test = try TestLedger()
        let ledger = try test.open()
        _ = try ledger.recordAccount(accountObject(currency: currency), accountId: "act_42")
        let changed = try ledger.recordCampaigns(
            [Self.campaign("9", daily: daily, lifetime: lifetime)], accountId: "act_42")
        #expect(changed == 1)
        let rows = try test.rows(
            "SELECT coalesce(daily_budget, 'NULL'), coalesce(lifetime_budget, 'NULL') FROM meta_campaigns",
            ledger: ledger)
        #expect(rows == [expected])
        // The same campaign again is unchanged: no event.
        #expect(
            try ledger.recordCampaigns([Self.campaign("9", daily: daily, lifetime: lifetime)], accountId: "act_42") == 0
        )
    }

    @Test func anAccountNotYetFetchedCountsInHundredths() throws {
        let test = try TestLedger()
        let ledger = try test.open()
        _ = try ledger.recordCampaigns([Self.campaign("9", daily: "5000", lifetime: nil)], accountId: "act_42")
        #expect(
            try test.rows("SELECT daily_budget, meta_ad_account_id FROM meta_campaigns", ledger: ledger) == [
                ["50.0", "act_42"]
            ])
    }
}
