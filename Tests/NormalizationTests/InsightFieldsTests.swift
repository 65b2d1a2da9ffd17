import Testing

@testable import Normalization

/// `InsightFields` spells each key once (`names`): the string lookup of the tree path and the byte lookup of the
/// canonical reader both read that list, so neither can know a field the other misses.
@Suite struct InsightFieldsTests {
    @Test func everyFieldHasOneNameAndBothLookupsFindIt() {
        #expect(InsightFields.names.count == InsightFields.Field.allCases.count)
        #expect(Set(InsightFields.names).count == InsightFields.names.count)
        for field in InsightFields.Field.allCases {
            let name = InsightFields.names[field.rawValue]
            #expect(InsightFields.field(named: name) == field, "\(name)")
            let bytes = Array(name.utf8)
            #expect(bytes.withUnsafeBufferPointer { InsightFields.field(utf8: $0) } == field, "\(name)")
        }
        #expect(InsightFields.field(named: "spend") == .spend)
        #expect(InsightFields.field(named: "video_thruplay_watched_actions") == .videoThruplayWatchedActions)
    }

    @Test func nearMissesNameNoField() {
        for key in ["", "Spend", "spend ", "spen", "spendx", "cp", "ad_idx", "video_p100_watched_action", "ｓpend"] {
            #expect(InsightFields.field(named: key) == nil, "\(key)")
            let bytes = Array(key.utf8)
            #expect(bytes.withUnsafeBufferPointer { InsightFields.field(utf8: $0) } == nil, "\(key)")
        }
    }
}
