import TestSupport
import Matching
import Testing

@Test func suggestsForAHundredThousandAdsAgainstAHundredThousandCreatives() throws {
    var random = SplitMix64(seed: 100_000)
    let brands = (0..<20).map { "B\($0)" }
    let creatives = (0..<100_000).map { _ in CreativeRef(id: random.uuid(), brandId: random.pick(brands)) }
    let counts = Dictionary(creatives.map { ($0.shortId, 1) }, uniquingKeysWith: +)
    let suggester = MatchSuggester(creatives: creatives)
    let separators = [" ", "_", "-", " | ", "."]
    var ads: [(name: String, creative: CreativeRef?, brand: String)] = []
    for index in 0..<100_000 {
        let creative: CreativeRef? = index % 10 == 0 ? nil : random.pick(creatives)
        let id = creative?.shortId ?? "zz\(index)"
        let name =
            "Summer\(random.pick(separators))\(id)\(random.pick(separators))SQ\(random.pick(separators))v\(index % 7)"
        ads.append((name, creative, random.pick(brands)))
    }
    var results: [[MatchSuggestion]] = []
    results.reserveCapacity(ads.count)
    for ad in ads {
        results.append(suggester.suggest(adName: ad.name, accountBrandIds: [ad.brand]))
    }
    for index in stride(from: 0, to: ads.count, by: 97) {
        let ad = ads[index]
        let rows = results[index]
        guard let creative = ad.creative else {
            #expect(rows.isEmpty, "\(ad.name)")
            continue
        }
        if counts[creative.shortId] == 1 {
            let kind: MatchKind = creative.brandId == ad.brand ? .exact : .crossBrand
            #expect(rows == [MatchSuggestion(generatedAdId: creative.id, shortId: creative.shortId, kind: kind)])
        } else {
            #expect(rows.allSatisfy { $0.kind == .ambiguous })
            #expect(rows.contains { $0.generatedAdId == creative.id })
        }
    }
}
