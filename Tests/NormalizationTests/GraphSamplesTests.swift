import Foundation
import JSON
import Normalization
import Testing

/// The real Graph responses in `Fixtures/graph-samples` (see SOURCES.md there).
@Suite struct GraphSamplesTests {
    static let insightFiles = [
        "insights_ad_level_product_id_breakdown_airbyte.json",
        "async_job_result_page_account_level_keboola.json",
        "ads_edge_nested_insights_page_with_next_keboola.json",
        "campaigns_edge_nested_insights_page_keboola.json",
    ]

    private func load(_ name: String) throws -> JSONValue {
        let url = graphSamplesDirectory().appendingPathComponent(name)
        let data = try Data(contentsOf: url)
        return try JSONParser.parse(data)
    }

    /// The insight rows of a response: `data[]`, or `data[].insights.data[]` for field expansion.
    private func insightRows(_ name: String) throws -> [JSONValue] {
        insightRows(in: try load(name))
    }

    private func insightRows(in response: JSONValue) -> [JSONValue] {
        let data = response["data"]?.arrayValue ?? []
        return data.flatMap { element -> [JSONValue] in
            if let nested = element["insights"]?["data"]?.arrayValue { return nested }
            return element["date_start"] == nil ? [] : [element]
        }
    }

    private func normalizedRows(_ name: String, accountCurrency: String? = nil) throws -> [NormalizedInsight] {
        try insightRows(name).map { Normalizer.normalize($0, accountCurrency: accountCurrency) }
    }

    @Test func everySampleParsesAndRoundTripsCanonically() throws {
        let directory = graphSamplesDirectory()
        let names = try FileManager.default.contentsOfDirectory(atPath: directory.path)
            .filter { $0.hasSuffix(".json") }.sorted()
        #expect(names.count >= 26)
        for name in names {
            let value = try load(name)
            let canonical = value.canonicalText
            let reparsed = try JSONParser.parse(canonical)
            #expect(reparsed.canonicalText == canonical, "\(name)")
            #expect(Self.insightFiles.contains(name) == !insightRows(in: value).isEmpty, "\(name)")
        }
    }

    @Test(arguments: insightFiles)
    func everyInsightRowNormalizesCleanly(name: String) throws {
        let rows = try normalizedRows(name, accountCurrency: "EUR")
        #expect(!rows.isEmpty)
        for insight in rows {
            #expect(insight.malformedColumns.isEmpty, "\(name)")
            #expect(insight.date != nil, "\(name)")
            #expect(insight.currency != nil, "\(name)")
        }
    }

    @Test func airbyteAdLevelRows() throws {
        let rows = try normalizedRows("insights_ad_level_product_id_breakdown_airbyte.json", accountCurrency: "EUR")
        try #require(rows.count == 2)
        let first = rows[0]
        #expect(first.metaAdAccountId == "act_798085168510957")
        #expect(first.metaAdId == "23854695759200548")
        #expect(first.adName == "New - AIA - Advertised Offers - Cayenne")
        #expect(first.metaAdsetId == "23854404706320548")
        #expect(first.adsetName == "New Cayenne")
        #expect(first.metaCampaignId == "23854404676180548")
        #expect(first.campaignName == "zzzzzNew - AIA - Advertised Offers")
        #expect(first.date == "2023-06-01")
        #expect(first.currency == "USD")
        #expect(first.spend == (try dec("14.35")))
        #expect(first.impressions == 185)
        #expect(first.clicks == 9)
        #expect(first.reach == nil)
        #expect(first.cpm == (try dec("77.567568")))
        #expect(first.linkClicks == 9)
        #expect(first.linkCtr == (try dec("4.864865")))
        #expect(first.linkCpc == (try dec("1.594444")))
        #expect(first.purchases == nil)
        #expect(first.addToCarts == nil)
        #expect(first.costPerAddToCart == nil)
        #expect(first.conversionRate == nil)
        #expect(first.roas == nil)
        #expect(
            first.rawActions
                == #"[{"1d_click":"10","28d_click":"10","7d_click":"10","action_type":"page_engagement","value":"10"},"#
                + #"{"1d_click":"10","28d_click":"10","7d_click":"10","action_type":"post_engagement","value":"10"}]"#)
        #expect(first.rawCosts?.hasPrefix(#"[{"1d_click":"1.594444","#) == true)
        #expect(first.rawActionValues == nil)

        let second = rows[1]
        #expect(second.spend == (try dec("8.53")))
        #expect(second.impressions == 171)
        #expect(second.cpm == (try dec("49.883041")))
        #expect(second.linkClicks == 4)
        #expect(second.linkCpc == (try dec("2.1325")))
    }

    @Test func keboolaAccountLevelRowsPickOnePurchaseType() throws {
        let rows = try normalizedRows("async_job_result_page_account_level_keboola.json", accountCurrency: "EUR")
        try #require(rows.count == 3)
        #expect(rows.map(\.date) == ["2021-08-07", "2021-08-08", "2021-08-09"])
        #expect(rows.allSatisfy { $0.metaAdAccountId == "act_522606278080331" })
        #expect(rows.allSatisfy { $0.currency == "EUR" })
        #expect(rows.allSatisfy { $0.metaCampaignId == nil && $0.metaAdId == nil })
        // purchase = omni_purchase = offsite_conversion.fb_pixel_purchase; one of them, not their sum.
        #expect(rows.map(\.purchases) == [1, 1, 11])
        #expect(rows.map(\.addToCarts) == [16, 7, 62])
        #expect(rows.allSatisfy { $0.spend == nil && $0.cpm == nil && $0.roas == nil && $0.conversionRate == nil })
        // `video_view` inside `actions` is not `video_play_actions`.
        #expect(rows.allSatisfy { $0.videoViews == nil })
        #expect(rows.allSatisfy { $0.rawActions != nil && $0.rawCosts == nil })
    }

    @Test func keboolaNestedAdInsights() throws {
        let rows = try normalizedRows("ads_edge_nested_insights_page_with_next_keboola.json")
        #expect(rows.count == 33)
        let first = try #require(rows.first)
        #expect(first.metaAdId == "6077418770070")
        #expect(first.date == "2017-09-30")
        #expect(first.spend == (try dec("11.97")))
        #expect(first.impressions == 3613)
        #expect(first.reach == 3606)
        #expect(first.clicks == 10)
        // No `cpm` field: 11.97 × 1000 / 3613 = 3.31303625795…
        #expect(first.cpm == (try dec("3.313036258")))
        #expect(first.videoP95Watched == 267)
        #expect(first.videoViews == nil)
        #expect(first.currency == nil)
        #expect(first.metaAdAccountId == nil)
    }

    @Test func keboolaNestedCampaignInsights() throws {
        let rows = try normalizedRows("campaigns_edge_nested_insights_page_keboola.json", accountCurrency: "USD")
        #expect(rows.count == 6)
        let first = try #require(rows.first)
        #expect(first.metaAdAccountId == "act_10152437784203995")
        #expect(first.metaCampaignId == "6064431745270")
        #expect(first.campaignName == "KDE2f")
        #expect(first.date == "2017-04-01")
        #expect(first.currency == "USD")
        #expect(first.spend == nil)
        #expect(first.purchases == nil)
        #expect(first.rawActions?.contains(#"{"action_type":"link_click","value":"202"}"#) == true)
    }
}
