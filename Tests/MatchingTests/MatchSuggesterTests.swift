import Matching
import Testing

private let wpCreative = CreativeRef(id: "d4e5f6a7-1b2c-4d3e-8f90-a1b2c3d4e5f6", brandId: "WP")
private let wpOther = CreativeRef(id: "a1b2c3d4-0000-4000-8000-000000000001", brandId: "WP")
private let xyCreative = CreativeRef(id: "0badcafe-0000-4000-8000-000000000002", brandId: "XY")
private let sharedOne = CreativeRef(id: "5a5a5a5a-0000-4000-8000-00000000000b", brandId: "WP")
private let sharedTwo = CreativeRef(id: "5a5a5a5a-0000-4000-8000-00000000000a", brandId: "XY")
private let dateCreative = CreativeRef(id: "20251218-0000-4000-8000-000000000003", brandId: "WP")
private let legacyCreative = CreativeRef(id: "e1e2e3aa-0000-4000-8000-000000000004", brandId: "WP")
private let legacySharedA = CreativeRef(id: "f0f0f0aa-0000-4000-8000-000000000005", brandId: "WP")
private let legacySharedB = CreativeRef(id: "f0f0f0bb-0000-4000-8000-000000000006", brandId: "WP")

private let suggester = MatchSuggester(creatives: [
    wpCreative, wpOther, xyCreative, sharedOne, sharedTwo, dateCreative, legacyCreative, legacySharedA, legacySharedB,
])

private func exact(_ creative: CreativeRef) -> MatchSuggestion {
    MatchSuggestion(generatedAdId: creative.id, shortId: creative.shortId, kind: .exact)
}

private func crossBrand(_ creative: CreativeRef) -> MatchSuggestion {
    MatchSuggestion(generatedAdId: creative.id, shortId: creative.shortId, kind: .crossBrand)
}

private func unknown(_ shortId: String) -> MatchSuggestion {
    MatchSuggestion(generatedAdId: nil, shortId: shortId, kind: .unknownId)
}

@Test func kindsAreSpelledAsInTheTable() {
    #expect(MatchKind.allCases.map(\.rawValue) == ["exact", "cross_brand", "ambiguous", "unknown_id"])
}

@Test func exactWhenTheBrandIsTheAccountsCaseInsensitively() {
    #expect(suggester.suggest(adName: "d4e5f6a7-WP-C3-SQ.png", accountBrandIds: ["WP"]) == [exact(wpCreative)])
    #expect(suggester.suggest(adName: "d4e5f6a7-WP-C3-SQ.png", accountBrandIds: ["wp", "XY"]) == [exact(wpCreative)])
}

@Test func upperCaseIdInTheNameMatches() {
    #expect(suggester.suggest(adName: "Summer D4E5F6A7 SQ", accountBrandIds: ["WP"]) == [exact(wpCreative)])
}

@Test func crossBrandWhenTheBrandDiffersOrTheAccountHasNone() {
    #expect(suggester.suggest(adName: "d4e5f6a7", accountBrandIds: ["XY"]) == [crossBrand(wpCreative)])
    #expect(suggester.suggest(adName: "d4e5f6a7", accountBrandIds: []) == [crossBrand(wpCreative)])
}

@Test func firstRegisteredCandidateByPositionWins() {
    #expect(suggester.suggest(adName: "a1b2c3d4 d4e5f6a7", accountBrandIds: ["WP"]) == [exact(wpOther)])
    #expect(suggester.suggest(adName: "d4e5f6a7 a1b2c3d4", accountBrandIds: ["WP"]) == [exact(wpCreative)])
}

@Test func anUnregisteredTokenDoesNotHideALaterRegisteredOne() {
    #expect(suggester.suggest(adName: "ffffffff_d4e5f6a7", accountBrandIds: ["WP"]) == [exact(wpCreative)])
}

@Test func anIdInsideALongerHexRunDoesNotMatch() {
    #expect(suggester.suggest(adName: "d4e5f6a7b", accountBrandIds: ["WP"]).isEmpty)
    #expect(suggester.suggest(adName: "0d4e5f6a7", accountBrandIds: ["WP"]).isEmpty)
    #expect(suggester.suggest(adName: "xd4e5f6a7 ffffffff", accountBrandIds: ["WP"]) == [unknown("ffffffff")])
}

@Test func aFullUUIDInTheNameMatches() {
    #expect(
        suggester.suggest(adName: "ad D4E5F6A7-1B2C-4D3E-8F90-A1B2C3D4E5F6", accountBrandIds: ["WP"]) == [
            exact(wpCreative)
        ])
}

@Test(arguments: ["éd4e5f6a7", "d4e5f6a7日", "٣d4e5f6a7", "Ωd4e5f6a7"])
func unicodeLettersAroundTheIdBlockIt(name: String) {
    #expect(suggester.suggest(adName: name, accountBrandIds: ["WP"]).isEmpty)
}

@Test(arguments: ["é d4e5f6a7", "日·d4e5f6a7·日", "«d4e5f6a7»", "—d4e5f6a7—"])
func unicodePunctuationAroundTheIdBoundsIt(name: String) {
    #expect(suggester.suggest(adName: name, accountBrandIds: ["WP"]) == [exact(wpCreative)])
}

@Test func aDateNeverOutranksARealId() {
    // 20251218 is a registered short id but reads as a date; the later real id wins.
    #expect(suggester.suggest(adName: "20251218 d4e5f6a7", accountBrandIds: ["WP"]) == [exact(wpCreative)])
    // Alone, the date-like token still counts.
    #expect(suggester.suggest(adName: "launch 20251218", accountBrandIds: ["WP"]) == [exact(dateCreative)])
    // An unregistered date with a registered id: the id.
    #expect(suggester.suggest(adName: "20240101_d4e5f6a7", accountBrandIds: ["WP"]) == [exact(wpCreative)])
}

@Test func unknownIdPrefersANonDateToken() {
    #expect(suggester.suggest(adName: "20240101 ffffffff", accountBrandIds: ["WP"]) == [unknown("ffffffff")])
    #expect(suggester.suggest(adName: "20240101 19991231", accountBrandIds: ["WP"]) == [unknown("20240101")])
    #expect(suggester.suggest(adName: "EEEEEEEE ffffffff", accountBrandIds: ["WP"]) == [unknown("eeeeeeee")])
}

@Test func noTokensNoRows() {
    #expect(suggester.suggest(adName: "Summer sale video", accountBrandIds: ["WP"]).isEmpty)
    #expect(suggester.suggest(adName: "", accountBrandIds: ["WP"]).isEmpty)
}

@Test func sharedShortIdIsAmbiguousWithOneRowPerCreative() {
    let rows = suggester.suggest(adName: "5A5A5A5A-WP", accountBrandIds: ["WP"])
    #expect(
        rows == [
            MatchSuggestion(generatedAdId: sharedTwo.id, shortId: "5a5a5a5a", kind: .ambiguous),
            MatchSuggestion(generatedAdId: sharedOne.id, shortId: "5a5a5a5a", kind: .ambiguous),
        ])
}

@Test func rejectedCreativesAreRemovedBeforeDeciding() {
    #expect(
        suggester.suggest(adName: "5a5a5a5a", accountBrandIds: ["WP"], rejected: [sharedTwo.id]) == [exact(sharedOne)])
    #expect(
        suggester.suggest(adName: "d4e5f6a7 a1b2c3d4", accountBrandIds: ["WP"], rejected: [wpCreative.id])
            == [exact(wpOther)])
    #expect(
        suggester.suggest(adName: "d4e5f6a7", accountBrandIds: ["WP"], rejected: [wpCreative.id.uppercased()])
            == [unknown("d4e5f6a7")])
}

@Test func legacyNameMatchesAUniquePrefix() {
    #expect(suggester.suggest(adName: "WP-C3-a1b2c3-e1e2e3-SQ.png", accountBrandIds: ["WP"]) == [exact(legacyCreative)])
    #expect(
        suggester.suggest(adName: "WP-C3-a1b2c3-E1E2E3-SQ.png", accountBrandIds: ["XY"]) == [crossBrand(legacyCreative)]
    )
}

@Test func legacyPrefixSharedByTwoCreativesDoesNotCount() {
    #expect(suggester.suggest(adName: "WP-C3-a1b2c3-f0f0f0-SQ.png", accountBrandIds: ["WP"]) == [unknown("f0f0f0")])
    #expect(
        suggester.suggest(adName: "WP-C3-a1b2c3-f0f0f0-SQ d4e5f6a7", accountBrandIds: ["WP"]) == [exact(wpCreative)])
    #expect(
        suggester.suggest(adName: "WP-C3-a1b2c3-f0f0f0-SQ.png", accountBrandIds: ["WP"], rejected: [legacySharedA.id])
            == [exact(legacySharedB)])
}

@Test func legacyAndCurrentCompeteByPosition() {
    #expect(suggester.suggest(adName: "a1b2c3-e1e2e3 d4e5f6a7", accountBrandIds: ["WP"]) == [exact(legacyCreative)])
    #expect(suggester.suggest(adName: "d4e5f6a7 a1b2c3-e1e2e3", accountBrandIds: ["WP"]) == [exact(wpCreative)])
    #expect(suggester.suggest(adName: "a1b2c3-999999", accountBrandIds: ["WP"]) == [unknown("999999")])
}

@Test func duplicateCreativesInTheInputAreIndexedOnce() {
    let twice = MatchSuggester(creatives: [wpCreative, wpCreative])
    #expect(twice.suggest(adName: "d4e5f6a7", accountBrandIds: ["WP"]) == [exact(wpCreative)])
}

@Test func upperCaseCreativeRefsAreNormalized() {
    let upper = MatchSuggester(creatives: [
        CreativeRef(id: "D4E5F6A7-1B2C-4D3E-8F90-A1B2C3D4E5F6", shortId: "D4E5F6A7", brandId: "wp")
    ])
    #expect(upper.suggest(adName: "d4e5f6a7", accountBrandIds: ["WP"]) == [exact(wpCreative)])
}
