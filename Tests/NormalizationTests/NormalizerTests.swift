import Foundation
import JSON
import Normalization
import Testing

@Suite struct NormalizerTests {
    @Test func sameNamedFieldsAndIdentity() throws {
        let insight = try normalize(
            """
            {"account_id": "798085168510957", "ad_id": "23854695759200548", "ad_name": "Ad A",
             "adset_id": "23854404706320548", "adset_name": "Set A", "campaign_id": "23854404676180548",
             "campaign_name": "Camp A", "date_start": "2023-06-01", "date_stop": "2023-06-01",
             "account_currency": "USD", "spend": "14.35", "impressions": "185", "reach": "170",
             "frequency": "1.088235", "clicks": "9", "cpm": "77.567568"}
            """)
        #expect(insight.metaAdAccountId == "act_798085168510957")
        #expect(insight.metaAdId == "23854695759200548")
        #expect(insight.adName == "Ad A")
        #expect(insight.metaAdsetId == "23854404706320548")
        #expect(insight.adsetName == "Set A")
        #expect(insight.metaCampaignId == "23854404676180548")
        #expect(insight.campaignName == "Camp A")
        #expect(insight.date == "2023-06-01")
        #expect(insight.currency == "USD")
        #expect(insight.spend == (try dec("14.35")))
        #expect(insight.impressions == 185)
        #expect(insight.reach == 170)
        #expect(insight.frequency == (try dec("1.088235")))
        #expect(insight.clicks == 9)
        #expect(insight.cpm == (try dec("77.567568")))
        #expect(insight.malformedColumns.isEmpty)
        #expect(insight.purchases == nil)
        #expect(insight.rawActions == nil)
    }

    @Test(arguments: [
        (#""123""#, "act_123"),
        (#""act_123""#, "act_123"),
        ("123", "act_123"),
    ])
    func accountIdAlwaysHasActPrefix(json: String, expected: String) throws {
        let insight = try normalize(#"{"account_id": \#(json)}"#)
        #expect(insight.metaAdAccountId == expected)
        #expect(insight.malformedColumns.isEmpty)
    }

    @Test(arguments: [#""""#, #""act_""#, #""abc""#, #""act_12x""#, #""12 3""#, "1.5", "null", "[]", "true", #""-12""#])
    func malformedAccountId(json: String) throws {
        let insight = try normalize(#"{"account_id": \#(json)}"#)
        #expect(insight.metaAdAccountId == nil)
        #expect(insight.malformedColumns == ["meta_ad_account_id"])
    }

    @Test func identifiersAcceptJSONIntegers() throws {
        let insight = try normalize(#"{"ad_id": 6077418770070, "campaign_id": "6064431745270", "adset_id": 1.5}"#)
        #expect(insight.metaAdId == "6077418770070")
        #expect(insight.metaCampaignId == "6064431745270")
        #expect(insight.metaAdsetId == nil)
        #expect(insight.malformedColumns == ["meta_adset_id"])
    }

    @Test func malformedIdsAndNames() throws {
        let insight = try normalize(#"{"ad_id": "", "ad_name": 5, "adset_name": null, "campaign_name": ["x"]}"#)
        #expect(insight.metaAdId == nil)
        #expect(insight.adName == nil)
        #expect(insight.malformedColumns == ["meta_ad_id", "ad_name", "adset_name", "campaign_name"])
    }

    @Test func emptyNameIsKept() throws {
        let insight = try normalize(#"{"ad_name": ""}"#)
        #expect(insight.adName == "")
        #expect(insight.malformedColumns.isEmpty)
    }

    @Test(arguments: [
        "2023/06/01", "2023-6-1", "2023-13-01", "2023-06-32", "2023-00-10", "20230601", "", "2023-06-01T00:00",
    ])
    func malformedDate(text: String) throws {
        let insight = try normalize(#"{"date_start": "\#(text)"}"#)
        #expect(insight.date == nil)
        #expect(insight.malformedColumns == ["date"])
    }

    @Test func dateComesFromDateStart() throws {
        let insight = try normalize(#"{"date_start": "2025-12-18", "date_stop": "2025-12-19"}"#)
        #expect(insight.date == "2025-12-18")
    }

    // MARK: currency

    @Test func rowCurrencyWinsOverAccountCurrency() throws {
        let insight = try normalize(#"{"account_currency": "USD", "spend": "14.35"}"#, accountCurrency: "EUR")
        #expect(insight.currency == "USD")
    }

    @Test func japaneseYenFromTheAccountIsMajorUnits() throws {
        let insight = try normalize(#"{"spend": "1523", "impressions": "1000"}"#, accountCurrency: "JPY")
        #expect(insight.currency == "JPY")
        #expect(insight.spend == 1523)
        #expect(insight.cpm == 1523)
        #expect(insight.malformedColumns.isEmpty)
    }

    @Test func noCurrencyAnywhereIsNil() throws {
        #expect(try normalize(#"{"spend": "1"}"#).currency == nil)
    }

    @Test(arguments: [#""usd""#, #""US""#, #""""#, "840", "null", #""US$""#])
    func malformedRowCurrencyFallsBackToTheAccount(json: String) throws {
        let insight = try normalize(#"{"account_currency": \#(json)}"#, accountCurrency: "JPY")
        #expect(insight.currency == "JPY")
        #expect(insight.malformedColumns == ["currency"])
    }

    // MARK: cpm

    @Test func cpmPresentIsTakenAsIsNotDerived() throws {
        let insight = try normalize(#"{"spend": "10", "impressions": "1000", "cpm": "99"}"#)
        #expect(insight.cpm == 99)
    }

    @Test func cpmAbsentIsDerivedAndRounded() throws {
        let insight = try normalize(#"{"spend": "14.35", "impressions": "185"}"#)
        #expect(insight.cpm == (try dec("77.5675675676")))
        #expect(insight.malformedColumns.isEmpty)
    }

    @Test(arguments: [
        #"{"spend": "14.35", "impressions": "0"}"#,
        #"{"spend": "14.35"}"#,
        #"{"impressions": "185"}"#,
        #"{"spend": "14.35", "impressions": "-5"}"#,
    ])
    func cpmNotDerivableIsNil(json: String) throws {
        let insight = try normalize(json)
        #expect(insight.cpm == nil)
        #expect(insight.malformedColumns.isEmpty)
    }

    @Test(arguments: [#""NaN""#, #""""#, "null", #""1e400""#, "[]"])
    func cpmMalformedIsNilAndNotDerived(json: String) throws {
        let insight = try normalize(#"{"spend": "14.35", "impressions": "185", "cpm": \#(json)}"#)
        #expect(insight.cpm == nil)
        #expect(insight.malformedColumns == ["cpm"])
    }

    @Test func cpmNotDerivedFromMalformedSpend() throws {
        let insight = try normalize(#"{"spend": "14,35", "impressions": "185"}"#)
        #expect(insight.cpm == nil)
        #expect(insight.malformedColumns == ["spend"])
    }

    @Test func jsonNumbersAreReadLikeStrings() throws {
        let insight = try normalize(#"{"spend": 14.35, "impressions": 185, "clicks": 9}"#)
        #expect(insight.spend == (try dec("14.35")))
        #expect(insight.impressions == 185)
        #expect(insight.clicks == 9)
    }

    @Test func negativeZeroSpendIsZero() throws {
        let insight = try normalize(#"{"spend": "-0", "impressions": "100"}"#)
        #expect(insight.spend == 0)
        #expect(insight.cpm == 0)
        #expect(insight.malformedColumns.isEmpty)
    }

    // MARK: rows that are not objects

    @Test(arguments: [JSONValue.null, .bool(true), .number("1"), .string("{}"), .array([]), .array([.object([])])])
    func nonObjectRowGivesEverythingNil(value: JSONValue) {
        let insight = Normalizer.normalize(value, accountCurrency: "USD")
        #expect(insight == NormalizedInsight())
        #expect(insight.currency == nil)
    }

    @Test func emptyObjectTakesTheAccountCurrency() {
        var expected = NormalizedInsight()
        expected.currency = "EUR"
        #expect(Normalizer.normalize(.object([]), accountCurrency: "EUR") == expected)
    }

    @Test func duplicateKeysInHandBuiltRowsUseTheFirst() {
        let value = JSONValue.object([("spend", .string("1")), ("spend", .string("2"))])
        #expect(Normalizer.normalize(value, accountCurrency: nil).spend == 1)
    }
}
