import JSON
import Testing

@Suite struct JSONMembersTests {
    @Test func scalarsAreValuesAndNestedValuesKeepTheirText() throws {
        let line = #"{"id": "x", "n": 1.50, "ok": true, "none": null, "tags": ["a", {"b": null}], "o": {"k": [1, 2]}}"#
        let members = try #require(try JSONParser.members(ofObject: Array(line.utf8)))
        #expect(members.map(\.key) == ["id", "n", "ok", "none", "tags", "o"])
        #expect(
            members.map(\.value) == [
                .scalar(.string("x")), .scalar(.number("1.50")), .scalar(.bool(true)), .scalar(.null),
                .nested(#"["a", {"b": null}]"#), .nested(#"{"k": [1, 2]}"#),
            ])
    }

    @Test func repeatedKeysAreKeptForTheCaller() throws {
        let members = try #require(try JSONParser.members(ofObject: Array(#"{"a": 1, "a": 2}"#.utf8)))
        #expect(members.map(\.key) == ["a", "a"])
    }

    @Test(arguments: ["[1, 2]", #""text""#, "1", "null", " [[{}]] "])
    func validJSONThatIsNotAnObjectIsNil(text: String) throws {
        #expect(try JSONParser.members(ofObject: Array(text.utf8)) == nil)
    }

    @Test(arguments: [
        (#"{"a": 1"#, 7), (#"{"a": [1, 2}"#, 11), (#"{"a": 1} x"#, 9), (#"{"a" 1}"#, 5), (#"{"a": [1,]}"#, 9),
        (#"{"a": {"b"}}"#, 10), (#"{"a": "\ud800"}"#, 13), ("[1, 2", 5), ("", 0), (#"{"a": tru}"#, 6),
    ])
    func malformedJSONIsAnErrorAtItsByte(text: String, offset: Int) throws {
        let error = try #require(throws: JSONError.self) { try JSONParser.members(ofObject: Array(text.utf8)) }
        #expect(error.offset == offset, "\(error)")
    }

    @Test func nestingOfAnyDepthIsCheckedWithoutRecursion() throws {
        let deep = String(repeating: "[", count: 200_000) + String(repeating: "]", count: 200_000)
        let members = try #require(try JSONParser.members(ofObject: Array(#"{"x": \#(deep)}"#.utf8)))
        #expect(members.first?.value == .nested(deep))
        #expect(throws: JSONError.self) { try JSONParser.members(ofObject: Array(#"{"x": \#(deep.dropLast())}"#.utf8)) }
    }

    /// Where both read a line, the one-level reader and the full parser agree.
    @Test(arguments: [
        #"{}"#, #"{"a": "é\n", "b": -0, "c": [], "d": {}}"#, #" { "k" : [ 1 , { "z" : null } ] } "#,
    ])
    func agreesWithTheFullParser(text: String) throws {
        let members = try #require(try JSONParser.members(ofObject: Array(text.utf8)))
        let full = try #require(try JSONParser.parse(text).objectMembers)
        #expect(members.map(\.key) == full.map(\.key))
        for (member, value) in zip(members.map(\.value), full.map(\.value)) {
            switch member {
            case .scalar(let scalar): #expect(scalar == value)
            case .nested(let text): #expect(try JSONParser.parse(text) == value)
            }
        }
    }
}
