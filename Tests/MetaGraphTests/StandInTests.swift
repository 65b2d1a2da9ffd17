import Foundation
import TestSupport
import Testing

@Suite struct StandInTests {
    @Test func restatementChangesOnlyConversionsFromTheGivenDay() {
        let standIn = GraphStandIn(accounts: [StandInAccount(id: "7", name: "Shop", adCount: 20, dayCount: 4)])
        let before = standIn.insightRows(accountId: "act_7", since: "2025-12-01", until: "2025-12-04")
        standIn.restate(accountId: "act_7", from: "2025-12-03", revision: 2)
        let after = standIn.insightRows(accountId: "act_7", since: "2025-12-01", until: "2025-12-04")

        #expect(before.count == 80 && after.count == 80)
        #expect(zip(before, after).allSatisfy { $0.spendMinor == $1.spendMinor && $0.impressions == $1.impressions })
        #expect(zip(before, after).filter { $0.0.date < "2025-12-03" }.allSatisfy { $0.0 == $0.1 })
        #expect(zip(before, after).contains { $0.date >= "2025-12-03" && $0.purchases != $1.purchases })
    }

    @Test func rowsAreMetaShaped() throws {
        let standIn = GraphStandIn(
            accounts: [StandInAccount(id: "8", name: "Shop", currency: "JPY", adCount: 3, dayCount: 1, brand: "WP")])
        let row = try #require(standIn.insightRows(accountId: "8", since: "2025-12-01", until: "2025-12-01").first)
        let object = try #require(
            try JSONSerialization.jsonObject(with: Data(row.json(fields: nil).utf8)) as? [String: Any])
        #expect(object["spend"] as? String == String(row.spendMinor))  // JPY: whole yen
        #expect(object["account_currency"] as? String == "JPY")
        #expect(object["impressions"] is String)
        #expect((object["actions"] as? [[String: Any]])?.first?["7d_click"] is String)
        #expect((object["outbound_clicks"] as? [[String: Any]])?.first?["action_type"] as? String == "outbound_click")
        #expect(row.adName.range(of: #"^[0-9a-f]{8}-WP-C[0-9]-(SQ|ST|LS)$"#, options: .regularExpression) != nil)
        let filtered = try #require(
            try JSONSerialization.jsonObject(with: Data(row.json(fields: ["spend"]).utf8)) as? [String: Any])
        #expect(Set(filtered.keys) == ["spend", "date_start", "date_stop"])
    }
}
