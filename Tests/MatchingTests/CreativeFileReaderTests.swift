import JSON
import Matching
import Testing

private let idA = "d4e5f6a7-1b2c-4d3e-8f90-a1b2c3d4e5f6"
private let idB = "a1b2c3d4-0000-4000-8000-000000000001"

/// Reads `text` as the bytes of a file.
private func read(_ text: String) -> CreativeList {
    CreativeFileReader.read(Array(text.utf8))
}

/// The (line, reason) pairs of `list`'s errors.
private func errors(_ list: CreativeList) -> [String] {
    list.errors.map { "\($0.line): \($0.reason)" }
}

@Test func readsASimpleCSV() throws {
    let list = read("id,brand,filename,concept,format\n\(idA),WP,d4e5f6a7-WP-C3-SQ.png,C3,SQ\n")
    #expect(list.errors.isEmpty)
    let record = try #require(list.records.first)
    #expect(list.records.count == 1)
    #expect(record.line == 2)
    #expect(record.id == idA)
    #expect(record.shortId == "d4e5f6a7")
    #expect(record.brand == "WP")
    #expect(record.filename == "d4e5f6a7-WP-C3-SQ.png")
    #expect(record.concept == "C3")
    #expect(record.format == "SQ")
    #expect(record.extra.isEmpty)
}

@Test func headerIsCaseInsensitiveAndTrimmedAndExtrasKeepHeaderOrder() throws {
    let list = read(" ID , Notes,Filename,BRAND ,Prompt\n\(idA.uppercased()),hello,x.png,WP,a cat\n")
    #expect(list.errors.isEmpty)
    let record = try #require(list.records.first)
    #expect(record.id == idA)
    #expect(record.extra.map(\.0) == ["Notes", "Prompt"])
    #expect(record.extra.map(\.1) == ["hello", "a cat"])
    #expect(record.concept == nil)
    #expect(record.format == nil)
}

@Test func conceptAndFormatComeFromTheFilenameWhenMissing() throws {
    let list = read(
        "id,brand,filename,concept\n\(idA),WP,assets/d4e5f6a7-WP-C3-SQ.png,\n\(idB),WP,WP-C9-a1b2c3-a1b2c3-V916.mp4,Own\n"
    )
    #expect(list.errors.isEmpty)
    #expect(list.records.map(\.concept) == ["C3", "Own"])
    #expect(list.records.map(\.format) == ["SQ", "V916"])
}

@Test func quotedFieldsWithCommasNewlinesAndQuotes() throws {
    let text =
        "id,brand,filename,prompt,notes\n\(idA),WP,\"a,b.png\",\"line one\nline \"\"two\"\", end\",x\n\(idB),WP,b.png,,\n"
    let list = read(text)
    #expect(list.errors.isEmpty)
    #expect(list.records.count == 2)
    #expect(list.records.first?.filename == "a,b.png")
    #expect(list.records.first?.extra.first?.1 == "line one\nline \"two\", end")
    #expect(list.records.map(\.line) == [2, 4])
    #expect(list.records.last?.extra.map(\.1) == ["", ""])
}

@Test func bomAndCRLFAreHandled() throws {
    let text = "\u{FEFF}id,brand,filename\r\n\(idA),WP,\"two\r\nlines.png\"\r\n\(idB),XY,b.png\r\n"
    let list = read(text)
    #expect(list.errors.isEmpty)
    #expect(list.records.map(\.id) == [idA, idB])
    #expect(list.records.map(\.filename) == ["two\r\nlines.png", "b.png"])
    #expect(list.records.map(\.line) == [2, 4])
}

@Test func utf8NamesAreKept() throws {
    let list = read("id,brand,filename,名前\n\(idA),WP,été-日本.png,カフェ ☕️\n")
    #expect(list.errors.isEmpty)
    #expect(list.records.first?.filename == "été-日本.png")
    #expect(list.records.first?.extra.first?.0 == "名前")
    #expect(list.records.first?.extra.first?.1 == "カフェ ☕️")
}

@Test func badLinesAreReportedWithTheirLineNumbers() {
    let text = """
        id,brand,filename

        \(idA),WP,a.png
        not-a-uuid,WP,b.png
        \(idB),,c.png
        \(idB),WP
        \(idB),WP,"multi
        line",extra
        \(idB),WP,d.png
        \(idA),WP,changed.png
        \(idB),WP,d.png
        ,WP,e.png
        """
    let list = read(text)
    #expect(list.records.map(\.id) == [idA, idB])
    #expect(list.records.map(\.line) == [3, 9])
    #expect(
        list.errors == [
            CreativeLineError(line: 4, reason: .invalidCreativeID("not-a-uuid")),
            CreativeLineError(line: 5, reason: .missingField("brand")),
            CreativeLineError(line: 6, reason: .wrongColumnCount(expected: 3, found: 2)),
            CreativeLineError(line: 7, reason: .wrongColumnCount(expected: 3, found: 4)),
            CreativeLineError(line: 10, reason: .duplicateID(idA, firstLine: 3)),
            CreativeLineError(line: 12, reason: .missingField("id")),
        ])
}

@Test func anUnterminatedQuoteStopsAtItsLine() {
    let list = read("id,brand,filename\n\(idA),WP,a.png\n\(idB),WP,\"open\n\(idA),WP,a.png\n")
    #expect(list.records.map(\.id) == [idA])
    #expect(list.errors == [CreativeLineError(line: 3, reason: .unterminatedQuote)])
}

@Test func textAfterAClosingQuoteIsAnError() {
    let list = read("id,brand,filename\n\(idA),WP,\"a\"b.png\n\(idB),WP,b.png\n")
    #expect(list.records.map(\.id) == [idB])
    #expect(list.errors == [CreativeLineError(line: 2, reason: .textAfterClosingQuote)])
}

@Test func invalidUTF8IsReportedOnItsLine() {
    var bytes = Array("id,brand,filename\n\(idA),WP,a".utf8)
    bytes += [0xFF, 0xFE]
    bytes += Array(".png\n\(idB),WP,b.png\n".utf8)
    let list = CreativeFileReader.read(bytes)
    #expect(list.records.map(\.id) == [idB])
    #expect(list.errors == [CreativeLineError(line: 2, reason: .invalidUTF8)])
}

@Test func headerProblemsAreReportedOnce() {
    #expect(errors(read("id,brand\n\(idA),WP\n")) == ["1: \(MatchingError.missingColumns(["filename"]))"])
    #expect(
        read("\n\nid,brand,filename,Brand\n\(idA),WP,a.png,X\n").errors == [
            CreativeLineError(line: 3, reason: .duplicateField("Brand"))
        ])
    #expect(read("").records.isEmpty && read("").errors.isEmpty)
    #expect(read("id,brand,filename\n").records.isEmpty)
}

@Test func aNamelessColumnIsKeptUnderItsPosition() {
    let list = read("id,brand,filename,\n\(idA),WP,a.png,x\n")
    #expect(list.records.first?.extra.map(\.0) == ["column4"])
    // Found by the creatives fuzz target: a blank JSON key was kept as "", so the same record written
    // as CSV read back with a different extra name.
    let lines = read("{\"id\":\"\(idA)\",\"brand\":\"WP\",\"filename\":\"a.png\",\" \":\"x\"}\n")
    #expect(lines.records.first?.extra.map(\.0) == ["column4"])
    #expect(lines.records.first?.hasSameContent(as: list.records[0]) == true)
    #expect(read("{\"id\":\"\(idA)\",\"brand\":\"WP\",\"filename\":\"a.png\",\"\":1,\"column4\":2}\n").errors == [
        CreativeLineError(line: 1, reason: .duplicateField("column4"))
    ])
}

@Test func readsJSONLines() throws {
    let text = """
        {"id": "\(idA.uppercased())", "brand": "WP", "filename": "d4e5f6a7-WP-C3-SQ.png", "seed": 42, "hd": true, \
        "tags": ["a", {"b": null}], "note": null, "caption": "caf\\u00e9 \\ud83d\\ude00\\n"}

        {"ID": "\(idB)", "Brand": "XY", "filename": "b.png", "concept": "C1", "format": "SQ"}
        """
    let list = read(text)
    #expect(list.errors.isEmpty)
    #expect(list.records.map(\.id) == [idA, idB])
    #expect(list.records.map(\.line) == [1, 3])
    let first = try #require(list.records.first)
    #expect(first.concept == "C3")
    #expect(first.format == "SQ")
    #expect(first.extra.map(\.0) == ["seed", "hd", "tags", "caption"])
    #expect(first.extra.map(\.1) == ["42", "true", "[\"a\", {\"b\": null}]", "café 😀\n"])
    #expect(list.records.last?.brand == "XY")
}

@Test func badJSONLinesAreReported() {
    let text = """
        {"id": "\(idA)", "brand": "WP", "filename": "a.png"}
        [1, 2]
        {"id": "\(idB)", "brand": "WP"
        {"id": "\(idB)", "brand": "WP", "filename": "b.png", "id": "x"}
        "just a string"
        {"id": 7, "brand": "WP", "filename": "b.png"}
        {"id": "\(idA)", "brand": "XY", "filename": "a.png"}
        {"id": "\(idA)", "brand": "WP", "filename": "a.png"}
        {"id": "\(idB)", "brand": "WP", "filename": "b.png"} trailing
        """
    let list = read(text)
    #expect(list.records.map(\.id) == [idA])
    #expect(list.errors.map(\.line) == [2, 3, 4, 5, 6, 7, 9])
    #expect(list.errors[0].reason == .notAJSONObject)
    #expect(list.errors[2].reason == .duplicateField("id"))
    #expect(list.errors[3].reason == .notAJSONObject)
    #expect(list.errors[4].reason == .invalidCreativeID("7"))
    #expect(list.errors[5].reason == .duplicateID(idA, firstLine: 1))
    guard case .invalidJSON = list.errors[1].reason else {
        Issue.record("expected invalid JSON, got \(list.errors[1].reason)")
        return
    }
}

@Test func deeplyNestedJSONDoesNotCrash() {
    let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
    let list = read("{\"id\": \"\(idA)\", \"brand\": \"WP\", \"filename\": \"a.png\", \"x\": \(deep)}\n{\"y\": \(deep)")
    #expect(list.records.count == 1)
    #expect(list.errors.map(\.line) == [2])
}

@Test func errorDescriptionsAreOneLineWithTheFix() {
    let reasons: [MatchingError] = [
        .invalidCreativeID("x\ny"), .emptyFilenamePart(part: "brand"),
        .invalidFilenamePart(part: "brand", value: "a\nb", character: "\n"), .missingColumns(["id", "filename"]),
        .duplicateField("id"), .missingField("brand"), .wrongColumnCount(expected: 3, found: 4), .unterminatedQuote,
        .textAfterClosingQuote, .invalidUTF8, .invalidJSON(JSONError(reason: "expected ',' or '}'", offset: 3)), .notAJSONObject,
        .duplicateID(idA, firstLine: 2),
    ]
    for reason in reasons {
        #expect(!reason.description.contains("\n"))
        #expect(reason.description.contains(";"))
    }
    #expect(CreativeLineError(line: 7, reason: .invalidUTF8).description.hasPrefix("line 7: "))
}
