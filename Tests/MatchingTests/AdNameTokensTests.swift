import Matching
import Testing

/// The token values found in `name`, in order.
private func values(_ name: String) -> [String] {
    AdNameTokens.extract(from: name).map(\.value)
}

@Test(arguments: [
    ("d4e5f6a7", ["d4e5f6a7"]),
    ("d4e5f6a7-WP-C3-SQ.png", ["d4e5f6a7"]),
    ("WP | D4E5F6A7 | summer", ["d4e5f6a7"]),
    ("WP_d4e5f6a7_SQ", ["d4e5f6a7"]),
    ("(d4e5f6a7)", ["d4e5f6a7"]),
    ("a1b2c3d4 then d4e5f6a7", ["a1b2c3d4", "d4e5f6a7"]),
    ("xd4e5f6a7", []),
    ("d4e5f6a7b", []),
    ("0d4e5f6a7", []),
    ("d4e5f6a70", []),
    ("d4e5f6a", []),
    ("abcd1234abcd1234", []),
    ("éd4e5f6a7", []),
    ("d4e5f6a7é", []),
    ("日d4e5f6a7", []),
    ("d4e5f6a7٣", []),
    ("Ωd4e5f6a7Ω", []),
    ("→d4e5f6a7←", ["d4e5f6a7"]),
    ("🎉d4e5f6a7🎉", ["d4e5f6a7"]),
    ("é d4e5f6a7 日", ["d4e5f6a7"]),
    ("「d4e5f6a7」", ["d4e5f6a7"]),
    ("ｄ4e5f6a7", []),
    ("", []),
    ("no ids here", []),
])
func extractsBoundedEightHexRuns(name: String, expected: [String]) {
    #expect(values(name) == expected)
}

@Test func offsetsCountCharactersNotBytes() throws {
    let tokens = AdNameTokens.extract(from: "日本 d4e5f6a7 é a1b2c3d4")
    #expect(tokens.map(\.offset) == [3, 14])
    let crlf = AdNameTokens.extract(from: "x\r\nd4e5f6a7")
    #expect(crlf.map(\.offset) == [2])
    #expect(crlf.map(\.value) == ["d4e5f6a7"])
}

@Test func fullUUIDYieldsItsFirstGroup() throws {
    let tokens = AdNameTokens.extract(from: "WP D4E5F6A7-1B2C-4D3E-8F90-A1B2C3D4E5F6 SQ")
    let token = try #require(tokens.first)
    #expect(tokens.count == 1)
    #expect(token.value == "d4e5f6a7")
    #expect(token.offset == 3)
    #expect(token.isInUUID)
    #expect(token.kind == .shortId)
}

@Test func aUUIDInsideALongerRunDoesNotCount() {
    #expect(values("xd4e5f6a7-1b2c-4d3e-8f90-a1b2c3d4e5f6").isEmpty)
    let tail = AdNameTokens.extract(from: "d4e5f6a7-1b2c-4d3e-8f90-a1b2c3d4e5f6x")
    #expect(tail.map(\.value) == ["d4e5f6a7"])
    #expect(tail.first?.isInUUID == false)
}

@Test func dateTokensAreMarked() throws {
    let tokens = AdNameTokens.extract(from: "20251218 18122025 12182025 12345678 20251232 19000229 20000229")
    #expect(tokens.map(\.isAllDigits) == [true, true, true, true, true, true, true])
    #expect(tokens.map(\.isDate) == [true, true, true, false, false, false, true])
    let hex = try #require(AdNameTokens.extract(from: "2025121a").first)
    #expect(!hex.isAllDigits)
    #expect(!hex.isDate)
}

@Test func legacyPairYieldsItsSecondGroup() {
    let tokens = AdNameTokens.extract(from: "WP-C3-a1b2c3-D4E5F6-SQ.png")
    #expect(tokens.map(\.value) == ["d4e5f6"])
    #expect(tokens.map(\.kind) == [.legacyPrefix])
    #expect(tokens.map(\.offset) == [13])
}

@Test(arguments: [
    "a1b2c3_d4e5f6", "a1b2c3--d4e5f6", "a1b2c3 d4e5f6", "xa1b2c3-d4e5f6", "a1b2c3-d4e5f6x", "a1b2c-d4e5f6",
])
func legacyPairNeedsOneHyphenAndBoundaries(name: String) {
    #expect(AdNameTokens.extract(from: name).isEmpty)
}
