import Matching
import Testing

@Test func makeBuildsTheDocumentedName() throws {
    let name = try CreativeFilename.make(
        id: "d4e5f6a7-1b2c-4d3e-8f90-a1b2c3d4e5f6", brand: "WP", concept: "C3", format: "SQ")
    #expect(name == "d4e5f6a7-WP-C3-SQ.png")
}

@Test func makeLowerCasesTheShortIdAndKeepsTheOtherParts() throws {
    let name = try CreativeFilename.make(
        id: "D4E5F6A7-1B2C-4D3E-8F90-A1B2C3D4E5F6", brand: "wp", concept: "Summer_Sale", format: "V916",
        ext: "mp4")
    #expect(name == "d4e5f6a7-wp-Summer_Sale-V916.mp4")
}

@Test(arguments: [
    "", "d4e5f6a7", "d4e5f6a71b2c4d3e8f90a1b2c3d4e5f6", "{d4e5f6a7-1b2c-4d3e-8f90-a1b2c3d4e5f6}",
    " d4e5f6a7-1b2c-4d3e-8f90-a1b2c3d4e5f6", "d4e5f6a7-1b2c-4d3e-8f90-a1b2c3d4e5f",
    "g4e5f6a7-1b2c-4d3e-8f90-a1b2c3d4e5f6",
    "d4e5f6a7_1b2c_4d3e_8f90_a1b2c3d4e5f6", "d4e5f6a71-b2c-4d3e-8f90-a1b2c3d4e5f6",
    "ｄ4e5f6a7-1b2c-4d3e-8f90-a1b2c3d4e5f6",
])
func makeRejectsABadUUID(id: String) throws {
    let error = try #require(throws: MatchingError.self) {
        try CreativeFilename.make(id: id, brand: "WP", concept: "C3", format: "SQ")
    }
    #expect(error == .invalidCreativeID(id))
    #expect(error.description.contains("pass the creative's full id"))
}

@Test(arguments: [
    ("W-P", Character("-")), ("W.P", "."), ("W P", " "), ("W/P", "/"), ("W\tP", "\t"), ("W\u{7}P", "\u{7}"),
    ("WP!", "!"), ("Wé", "é"), ("W\nP", "\n"), ("W\r\nP", "\r\n"), ("WP\u{0}", "\u{0}"),
])
func makeRejectsABadBrand(brand: String, bad: Character) throws {
    let error = try #require(throws: MatchingError.self) {
        try CreativeFilename.make(id: "d4e5f6a7-1b2c-4d3e-8f90-a1b2c3d4e5f6", brand: brand, concept: "C3", format: "SQ")
    }
    #expect(error == .invalidFilenamePart(part: "brand", value: brand, character: bad))
    #expect(!error.description.contains("\n"))
    #expect(error.description.contains("letters, digits and _"))
    #expect(!error.description.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F })
}

@Test func makeRejectsEachEmptyOrBadPartByName() throws {
    let id = "d4e5f6a7-1b2c-4d3e-8f90-a1b2c3d4e5f6"
    #expect(throws: MatchingError.emptyFilenamePart(part: "brand")) {
        try CreativeFilename.make(id: id, brand: "", concept: "C3", format: "SQ")
    }
    #expect(throws: MatchingError.emptyFilenamePart(part: "concept")) {
        try CreativeFilename.make(id: id, brand: "WP", concept: "", format: "SQ")
    }
    #expect(throws: MatchingError.invalidFilenamePart(part: "format", value: "S-Q", character: "-")) {
        try CreativeFilename.make(id: id, brand: "WP", concept: "C3", format: "S-Q")
    }
    #expect(throws: MatchingError.invalidFilenamePart(part: "ext", value: "tar.gz", character: ".")) {
        try CreativeFilename.make(id: id, brand: "WP", concept: "C3", format: "SQ", ext: "tar.gz")
    }
    #expect(throws: MatchingError.emptyFilenamePart(part: "ext")) {
        try CreativeFilename.make(id: id, brand: "WP", concept: "C3", format: "SQ", ext: "")
    }
}

@Test func parseReadsTheCurrentScheme() throws {
    let parsed = try #require(CreativeFilename.parse("d4e5f6a7-WP-C3-SQ.png"))
    #expect(parsed.identifier == .shortId("d4e5f6a7"))
    #expect(parsed.shortId == "d4e5f6a7")
    #expect(parsed.legacyPrefix == nil)
    #expect(!parsed.isLegacy)
    #expect([parsed.brand, parsed.concept, parsed.format, parsed.ext] == ["WP", "C3", "SQ", "png"])
}

@Test func parseLowerCasesAnUpperCaseShortId() {
    #expect(CreativeFilename.parse("D4E5F6A7-WP-C3-SQ.PNG")?.shortId == "d4e5f6a7")
    #expect(CreativeFilename.parse("D4E5F6A7-WP-C3-SQ.PNG")?.ext == "PNG")
}

@Test func parseReadsTheLegacyScheme() throws {
    let parsed = try #require(CreativeFilename.parse("WP-C3-a1b2c3-D4E5F6-SQ.png"))
    #expect(parsed.identifier == .legacyPrefix("d4e5f6"))
    #expect(parsed.isLegacy)
    #expect(parsed.shortId == nil)
    #expect([parsed.brand, parsed.concept, parsed.format, parsed.ext] == ["WP", "C3", "SQ", "png"])
}

@Test(arguments: [
    "", "d4e5f6a7-WP-C3-SQ", "d4e5f6a7-WP-C3.png", "d4e5f6a-WP-C3-SQ.png", "d4e5f6a7x-WP-C3-SQ.png",
    "d4e5f6a7-WP-C3-SQ-X.png", "d4e5f6a7-WP--SQ.png", "d4e5f6a7-W P-C3-SQ.png", "dir/d4e5f6a7-WP-C3-SQ.png",
    "d4e5f6a7-WP-C3-SQ.", "WP-C3-a1b2c-d4e5f6-SQ.png", "WP-C3-a1b2c3-d4e5fg-SQ.png", "WP-C3-a1b2c3-d4e5f6.png",
    "g4e5f6a7-WP-C3-SQ.png", "d4e5f6a7-WP-C3-SQ.p.ng", "d4e5f6a7-WÉ-C3-SQ.png",
])
func parseRejectsOtherNames(name: String) {
    #expect(CreativeFilename.parse(name) == nil)
}

@Test func parseReadsBackWhatMakeWrites() throws {
    let id = "0a1b2c3d-0000-4000-8000-000000000000"
    let name = try CreativeFilename.make(id: id, brand: "B_1", concept: "x", format: "9x16", ext: "jpg")
    let parsed = try #require(CreativeFilename.parse(name))
    #expect(
        parsed
            == ParsedCreativeFilename(
                identifier: .shortId("0a1b2c3d"), brand: "B_1", concept: "x", format: "9x16", ext: "jpg"))
}

@Test func creativeIDNormalizesAnyCase() {
    #expect(CreativeID.normalized("D4E5F6A7-1B2C-4D3E-8F90-A1B2C3D4E5F6") == "d4e5f6a7-1b2c-4d3e-8f90-a1b2c3d4e5f6")
    #expect(CreativeID.normalized("d4e5f6a7-1b2c-4d3e-8f90-a1b2c3d4e5f6 ") == nil)
    #expect(CreativeID.shortId(of: "d4e5f6a7-1b2c-4d3e-8f90-a1b2c3d4e5f6") == "d4e5f6a7")
}
