import Foundation
import Sync
import Testing

@testable import Ledger

/// `report drift` on a ledger with known restatements: ad 111's 2025-12-01 is fetched on day +1 with 2
/// purchases, restated on day +3 to 4 and on day +8 to 5; its 2025-12-02 is fetched on day +1 with 1 purchase
/// and never restated. Spend is 10.50 every time.
@Suite struct DriftTests {
    func ledger() throws -> TestLedger {
        let test = try TestLedger()
        let fetches: [(String, String, String)] = [
            ("2025-12-02T06:00:00Z", "2025-12-01", "2"), ("2025-12-03T06:00:00Z", "2025-12-02", "1"),
            ("2025-12-04T06:00:00Z", "2025-12-01", "4"), ("2025-12-09T06:00:00Z", "2025-12-01", "5"),
        ]
        for (index, (time, date, purchases)) in fetches.enumerated() {
            let page = try test.file("fetch\(index).json", insightPage(date: date, purchases: purchases))
            _ = try test.open(at: time).ingest(files: [page], account: nil)
        }
        return test
    }

    func rows(_ result: DriftResult) -> [Int: DriftRow] {
        Dictionary(uniqueKeysWithValues: result.rows.map { ($0.age, $0) })
    }

    @Test func theValueAtEachAgeIsComparedWithTheLatest() throws {
        let test = try ledger()
        let ledger = try test.reader(at: "2025-12-20T12:00:00Z")
        let result = try ledger.drift(DriftRequest(metric: try ReportMetric.named("purchases")))
        let byAge = rows(result)
        // Ages 1 … 18 for 12-01 (19 days to 12-20), 1 … 17 for 12-02.
        #expect(result.rows.map(\.age) == Array(1...18))
        let expected: [Int: (Int, Int, Int, Double)] = [
            1: (2, 3, 6, 50), 2: (2, 3, 6, 50), 3: (2, 5, 6, 83.3), 7: (2, 5, 6, 83.3), 8: (2, 6, 6, 100),
            17: (2, 6, 6, 100), 18: (1, 5, 5, 100),
        ]
        for (age, (adDays, reported, latest, percent)) in expected {
            let row = try #require(byAge[age])
            #expect(row.adDays == adDays, "age \(age)")
            #expect(row.reported == .integer(Int64(reported)), "age \(age)")
            #expect(row.latest == .integer(Int64(latest)), "age \(age)")
            #expect(row.percentOfLatest == percent, "age \(age)")
            #expect(row.id == "act_42" && row.currency == "USD")
        }
        // CPA at day +1: 21.00 / 3 = 7.00; now 21.00 / 6 = 3.50.
        #expect(
            result.summary == [
                "USD: purchases reported on day +1 were 50 % of today's; on day +7, 83.3 %; CPA moved −50 %"
            ])
    }

    @Test func asOfAnEarlierTimeTheLatestIsWhatWasKnownThen() throws {
        let test = try ledger()
        let ledger = try test.reader(at: "2025-12-20T12:00:00Z")
        try ledger.setAsOf("2025-12-05T00:00:00Z")
        let result = try ledger.drift(DriftRequest(metric: try ReportMetric.named("purchases")))
        let byAge = rows(result)
        #expect(result.rows.map(\.age) == [1, 2, 3])
        // 12-01: 2 on days +1 and +2, 4 on day +3 (the latest as of 12-05); 12-02: 1 on days +1 and +2.
        #expect(byAge[1]?.reported == .integer(3) && byAge[1]?.latest == .integer(5) && byAge[1]?.adDays == 2)
        #expect(byAge[3]?.reported == .integer(4) && byAge[3]?.latest == .integer(4) && byAge[3]?.adDays == 1)
        #expect(result.isAsOf)
        #expect(result.summary.first?.contains("of the value at 2025-12-05T00:00:00.000Z") == true)
    }

    @Test func moneyMetricsAreRoundedInTheirCurrencyAndDerivedOnesRecomputed() throws {
        let test = try ledger()
        let ledger = try test.reader(at: "2025-12-20T12:00:00Z")
        let cpa = rows(try ledger.drift(DriftRequest(metric: try ReportMetric.named("cpa"))))
        #expect(cpa[1]?.reported == .real(7) && cpa[1]?.latest == .real(3.5) && cpa[1]?.percentOfLatest == 200)
        let spend = rows(try ledger.drift(DriftRequest(metric: try ReportMetric.named("spend"))))
        #expect(spend[1]?.reported == .real(21) && spend[1]?.percentOfLatest == 100)
        let byCampaign = try ledger.drift(
            DriftRequest(metric: try ReportMetric.named("purchases"), grouping: .campaign))
        #expect(Set(byCampaign.rows.map(\.id)) == ["9"])
        #expect(throws: LedgerError.self) {
            try ledger.drift(DriftRequest(metric: try ReportMetric.named("purchases"), grouping: .week))
        }
    }
}
