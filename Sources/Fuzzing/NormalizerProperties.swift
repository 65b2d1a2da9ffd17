import JSON
import Normalization

/// What `Normalizer.normalize` promises for any JSON value (DESIGN §4): it is total, reads the
/// same row the same way whatever its member order, and every number it keeps is exact.
enum NormalizerProperties {
    /// Every column `malformedColumns` may name.
    static let columns: Set<String> = Set(
        [
            "meta_ad_account_id", "meta_ad_id", "ad_name", "meta_adset_id", "adset_name", "meta_campaign_id",
            "campaign_name", "date", "currency",
        ] + NormalizedInsight.metricColumns.map(\.name))

    static func check(_ bytes: [UInt8]) throws(FuzzFailure) {
        func fail(_ property: String) -> FuzzFailure { FuzzFailure(.normalize, property) }
        guard let row = try? JSONParser.parse(bytes, maxDepth: JSONProperties.maxDepth) else { return }
        let insight = Normalizer.normalize(row, accountCurrency: "USD")
        guard row.objectMembers != nil else {
            guard insight == NormalizedInsight() else { throw fail("a row that is not an object gave columns") }
            return
        }
        guard let reordered = try? JSONParser.parse(row.canonicalBytes, maxDepth: JSONProperties.maxDepth),
            Normalizer.normalize(reordered, accountCurrency: "USD") == insight
        else {
            throw fail("the same row with its members sorted normalizes differently")
        }

        let malformed = insight.malformedColumns
        guard Set(malformed).count == malformed.count else { throw fail("a column is reported malformed twice") }
        if let unknown = malformed.first(where: { !columns.contains($0) }) {
            throw fail("malformed column \(unknown) is not a performance column")
        }
        guard let currency = insight.currency, currency.utf8.count == 3,
            currency.utf8.allSatisfy({ (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains($0) })
        else {
            throw fail("currency \(insight.currency ?? "nil") is not three upper-case letters")
        }
        if let date = insight.date, !isDateShaped(date) { throw fail("date \(date) is not YYYY-MM-DD") }
        if let account = insight.metaAdAccountId,
            !(account.hasPrefix("act_") && account.utf8.count > 4 && account.utf8.dropFirst(4).allSatisfy(isDigit))
        {
            throw fail("account id \(account) is not act_<digits>")
        }
        for column in NormalizedInsight.metricColumns {
            guard let value = column.value(insight) else { continue }
            try JSONProperties.checkDecimal(value, from: column.name, target: .normalize)
        }
        for raw in [insight.rawActions, insight.rawCosts, insight.rawActionValues].compactMap({ $0 })
        where (try? JSONParser.parse(raw, maxDepth: JSONProperties.maxDepth + 1)) == nil {
            throw fail("a raw action list is not JSON: \(raw.prefix(80))")
        }
    }

    static func isDigit(_ byte: UInt8) -> Bool { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) }

    static func isDateShaped(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard bytes.count == 10 else { return false }
        return bytes.enumerated().allSatisfy { index, byte in
            index == 4 || index == 7 ? byte == UInt8(ascii: "-") : isDigit(byte)
        }
    }
}
