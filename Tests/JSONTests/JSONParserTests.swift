import Foundation
import JSON
import Testing

@Suite struct JSONParserTests {
    @Test func parsesEveryKindOfValue() throws {
        let value = try JSONParser.parse(#" {"a": [1, -2.5e+3, "x", true, false, null, {}, []], "b": "é\n"} "#)
        #expect(
            value
                == .object([
                    (
                        "a",
                        .array([
                            .number("1"), .number("-2.5e+3"), .string("x"), .bool(true), .bool(false), .null,
                            .object([]), .array([]),
                        ])
                    ),
                    ("b", .string("é\n")),
                ]))
    }

    @Test(arguments: ["0", "-0", "1e400", "1.50", "12345678901234567890123456789012345678901234567890", "2E-7"])
    func numberLexemeIsKept(lexeme: String) throws {
        #expect(try JSONParser.parse(lexeme) == .number(lexeme))
        #expect(try JSONParser.parse("[\(lexeme)]").canonicalText == "[\(lexeme)]")
    }

    @Test func duplicateKeyIsRejected() throws {
        let error = try #require(throws: JSONError.self) { try JSONParser.parse(#"{"spend": "1", "spend": "2"}"#) }
        #expect(error.reason.contains("duplicate key"))
        #expect(error.offset == 15)
    }

    /// Found by the json fuzz target: a duplicate key holding an escaped line break put that break into the
    /// one-line error message.
    @Test func aDuplicateKeyIsQuotedOnOneLine() throws {
        let error = try #require(throws: JSONError.self) {
            try JSONParser.parse(#"{"a\r\nb\u2028\u0085\"": 1, "a\r\nb\u2028\u0085\"": 2}"#)
        }
        #expect(error.reason == #"duplicate key "a\r\nb\u{2028}\u{85}\"""#)
        let spansLines = error.description.contains(where: \.isNewline)
        #expect(!spansLines)
        let long = String(repeating: "k", count: 500)
        let cut = try #require(throws: JSONError.self) { try JSONParser.parse("{\"\(long)\":1,\"\(long)\":2}") }
        #expect(cut.reason == "duplicate key \"\(String(repeating: "k", count: 80))\"…")
    }

    @Test func duplicateKeysInDifferentObjectsAreFine() throws {
        #expect(throws: Never.self) { try JSONParser.parse(#"[{"a": 1}, {"a": 2, "b": {"a": 3}}]"#) }
    }

    @Test(
        arguments: [
            [0x22, 0xFF, 0x22],  // invalid byte
            [0x22, 0xC3, 0x22],  // truncated two-byte sequence
            [0x22, 0xC0, 0xAF, 0x22],  // overlong "/"
            [0x22, 0xED, 0xA0, 0x80, 0x22],  // encoded surrogate
        ] as [[UInt8]])
    func invalidUTF8IsRejected(bytes: [UInt8]) {
        #expect(throws: JSONError.self) { try JSONParser.parse(bytes) }
    }

    @Test func validMultibyteUTF8IsKept() throws {
        #expect(try JSONParser.parse(Array(#""日本円 ¥ 😀""#.utf8)) == .string("日本円 ¥ 😀"))
    }

    @Test(arguments: [#""\ud800""#, #""\udc00""#, #""\ud800\u0041""#])
    func loneSurrogatesAreRejected(text: String) {
        #expect(throws: JSONError.self) { try JSONParser.parse(text) }
    }

    @Test func surrogatePairsAndEscapesDecode() throws {
        #expect(
            try JSONParser.parse(#""\ud83d\ude00 \u00e9 \"\\\/\b\f\n\r\t""#) == .string("😀 é \"\\/\u{8}\u{C}\n\r\t"))
    }

    @Test func deepNestingIsRejectedWithoutCrashing() throws {
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        let error = try #require(throws: JSONError.self) { try JSONParser.parse(deep) }
        #expect(error.reason.contains("nesting"))
        let deepObjects = String(repeating: #"{"a":"#, count: 10_000) + "1" + String(repeating: "}", count: 10_000)
        #expect(throws: JSONError.self) { try JSONParser.parse(deepObjects) }
    }

    @Test func nestingUpToTheLimitIsAccepted() throws {
        let ok = String(repeating: "[", count: 257) + String(repeating: "]", count: 257)
        #expect(throws: Never.self) { try JSONParser.parse(ok) }
        let tooDeep = String(repeating: "[", count: 258) + String(repeating: "]", count: 258)
        #expect(throws: JSONError.self) { try JSONParser.parse(tooDeep) }
        #expect(throws: JSONError.self) { try JSONParser.parse("[[1]]", maxDepth: 1) }
        #expect(throws: Never.self) { try JSONParser.parse("[1]", maxDepth: 1) }
    }

    @Test(arguments: [
        "", " ", "{", "}", "[1,]", "{\"a\":1,}", "{'a':1}", "{a:1}", "01", "1.", ".5", "+1", "-", "1e", "NaN",
        "Infinity",
        "tru", "nul", "\"abc", "\"\u{1}\"", "\"\\x\"", "\"\\u12G4\"", "1 2", "[1 2]", "{\"a\" 1}", "\u{FEFF}{}",
        "/* c */ {}",
    ])
    func malformedTextIsRejected(text: String) {
        #expect(throws: JSONError.self) { try JSONParser.parse(text) }
    }

    @Test func errorDescriptionNamesTheOffset() throws {
        let error = try #require(throws: JSONError.self) { try JSONParser.parse("[1, x]") }
        #expect(error.offset == 4)
        #expect(error.description == "invalid JSON at byte 4: \(error.reason)")
    }

    @Test func accessors() throws {
        let value = try JSONParser.parse(#"{"s": "t", "n": 5, "a": [1], "o": {"k": null}}"#)
        #expect(value["s"]?.stringValue == "t")
        #expect(value["s"]?.scalarText == "t")
        #expect(value["n"]?.scalarText == "5")
        #expect(value["n"]?.stringValue == nil)
        #expect(value["a"]?.arrayValue == [.number("1")])
        #expect(value["o"]?.objectMembers?.first?.key == "k")
        #expect(value["missing"] == nil)
        #expect(JSONValue.array([])["s"] == nil)
    }
}

@Test func replacingUTF8MatchesBytesNotCharacters() {
    #expect("a\"\u{301}b".replacingUTF8("\"", with: "\"\"") == "a\"\"\u{301}b")
    #expect("TOKEN\u{301}&TOKEN".replacingUTF8("TOKEN", with: "<r>") == "<r>\u{301}&<r>")
    #expect("ééé".replacingUTF8("é", with: "e") == "eee")
    #expect("''".replacingUTF8("'", with: "''") == "''''")
    #expect("abc".replacingUTF8("x", with: "y") == "abc")
    #expect("abc".replacingUTF8("", with: "y") == "abc")
}
