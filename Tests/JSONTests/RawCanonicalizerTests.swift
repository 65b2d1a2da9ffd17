import Foundation
import JSON
import TestSupport
import Testing

/// `RawCanonicalizer`: canonical JSON straight from the text's bytes, exactly as the parser's tree gives it, or
/// nothing when it is not sure.
@Suite struct RawCanonicalizerTests {
    private static func rewrite(_ text: String) -> [UInt8]? {
        RawCanonicalizer.canonicalBytes(of: Array(text.utf8))
    }

    @Test(
        arguments: [
            #" { "b" : 1 , "a" : { "z" : [ 1 , 2 ] , "y" : null } , "A": true } "#,
            "{\n  \"spend\": \"1.50\",\n\t\"actions\": [ {\"value\": \"2\", \"action_type\": \"purchase\"} ]\r\n}",
            #"{"ad_name":"Sommer \"Sale\" \\ 50% \/ \u00e9t\u00E9 \ud83d\ude00","x":"\b\f\n\r\t\u0000\u001f"}"#,
            #"{"ad_name":"Ünïcødé — 😀 raw","a":"plain"}"#,
            #"{"n":[-0,0,1e5,1E+5,1.50E-3,-12.340,123456789012345678901234567890]}"#,
            #"[ [], {}, [ {} ], "", true, false, null ]"#,
            #"{"z":{"y":{"x":{"b":1,"a":2},"w":[{"d":1,"c":2}]}}}"#,
            #"{"a":1,"ab":2,"a_":3,"B":4,"1d_click":5,"action_type":6,"aa":7}"#,
            #""just a string""#, "  42  ", "null",
        ])
    func theRewriteIsTheParsedValuesCanonicalText(text: String) throws {
        let expected = try JSONParser.parse(text).canonicalBytes
        let rewritten = try #require(Self.rewrite(text), "the rewriter gave up on \(text)")
        #expect(rewritten == expected, "\(String(decoding: rewritten, as: UTF8.self))")
    }

    /// What the parser rejects, and keys it compares as Swift strings, are left to it.
    @Test(
        arguments: [
            #"{"a":1,"a":2}"#, #"{"b":1,"a":1,"b":2}"#, #"{"\u0061":1}"#, #"{"é":1}"#, #"{"a":1,}"#, #"[1,]"#,
            #"{"a":"\ud83d"}"#, "{\"a\":\"\u{01}\"}", #"{"a":01}"#, #"{"a":1} x"#, #"{"a":.5}"#, #"{"a":tru}"#,
            #"{"a" 1}"#, "", "   ", "[" + String(repeating: "[", count: 70) + String(repeating: "]", count: 71),
        ])
    func unsureInputIsLeftToTheParser(text: String) {
        #expect(Self.rewrite(text) == nil)
    }

    @Test func invalidUTF8IsLeftToTheParser() {
        let bytes: [UInt8] = Array(#"{"a":""#.utf8) + [0xC3, 0x28] + Array(#""}"#.utf8)
        #expect(RawCanonicalizer.canonicalBytes(of: bytes) == nil)
        #expect(throws: JSONError.self) { try JSONParser.parse(bytes) }
    }

    /// Random documents, printed with random whitespace and member order: the rewrite is always the tree's.
    @Test func randomDocumentsRewriteAsTheTreeDoes() throws {
        var random = SplitMix64(seed: 20_261_202)
        for _ in 0..<2_000 {
            let value = Self.value(depth: 0, random: &random)
            let text = Self.print(value, random: &random)
            let expected = try JSONParser.parse(text).canonicalBytes
            #expect(Self.rewrite(text) == expected, "\(text)")
        }
    }

    /// A page's outline places its members, its `data` elements and theirs where the canonical text has them, even
    /// as the top level's reordering moves the `data` array (here `paging` comes first in the text).
    @Test func aPagesOutlinePlacesItsPartsInTheCanonicalText() throws {
        let page = #"""
            { "paging": {"cursors": {"after": "x"}}, "data": [
                {"spend": "1.50", "ad_id": "7", "actions": [{"value": "2", "action_type": "purchase"}],
                 "date_start": "2025-12-01"},
                "not an object", [ {"z": 1} ],
                {"b": {"d": 1, "c": 2}, "a": []}
            ], "error_count": 0 }
            """#
        let (bytes, outline) = try #require(RawCanonicalizer.canonicalPage(of: Array(page.utf8)))
        #expect(bytes == (try JSONParser.parse(page).canonicalBytes))
        func slice(_ range: Range<Int>) -> String { String(decoding: bytes[range], as: UTF8.self) }
        func members(_ members: ArraySlice<CanonicalOutline.Member>) -> [String] {
            members.map { slice($0.key) + "=" + slice($0.value) }
        }
        let top = try #require(outline.members)
        #expect(top.map { slice($0.key) } == ["data", "error_count", "paging"])
        #expect(Array(members(top[1...])) == ["error_count=0", #"paging={"cursors":{"after":"x"}}"#])
        let elements = try #require(outline.elements)
        #expect(slice(top[0].value) == "[" + elements.map { slice($0.range) }.joined(separator: ",") + "]")
        #expect(elements.map { slice($0.range) } == [
            #"{"actions":[{"action_type":"purchase","value":"2"}],"ad_id":"7","#
                + #""date_start":"2025-12-01","spend":"1.50"}"#,
            #""not an object""#, #"[{"z":1}]"#, #"{"a":[],"b":{"c":2,"d":1}}"#,
        ])
        #expect(elements.map { $0.members == nil } == [false, true, true, false])
        #expect(members(outline.elementMembers[try #require(elements[0].members)]) == [
            #"actions=[{"action_type":"purchase","value":"2"}]"#, #"ad_id="7""#, #"date_start="2025-12-01""#,
            #"spend="1.50""#,
        ])
        #expect(members(outline.elementMembers[try #require(elements[3].members)]) == [#"a=[]"#, #"b={"c":2,"d":1}"#])
    }

    /// Objects of eight or more members whose keys come in a sequence sorted before take that order without sorting
    /// again: rows with the same keys, with the same keys in another sequence, with other keys, with a key repeated.
    @Test func objectsWithTheKeysOfOneSortedBeforeRewriteAsTheTreeDoes() throws {
        let keys = ["spend", "ad_id", "date_start", "account_id", "clicks", "actions", "cpm", "ad_name", "reach"]
        func row(_ keys: [String], _ seed: Int) -> String {
            "{" + keys.enumerated().map { #""\#($1)":"\#(seed)-\#($0)""# }.joined(separator: ",") + "}"
        }
        var rows = (0..<6).map { row(keys, $0) }
        rows.append(row(keys.reversed(), 6))
        rows.append(row(keys.dropLast() + ["zz"], 7))
        rows.append(row(keys, 8))
        for (offset, row) in rows.enumerated() {
            let page = #"{"data":["# + rows[...offset].joined(separator: ",") + "]}"
            let expected = try JSONParser.parse(page).canonicalBytes
            #expect(Self.rewrite(page) == expected, "\(page)")
            #expect(RawCanonicalizer.canonicalPage(of: Array(page.utf8))?.bytes == expected)
            #expect(Self.rewrite(row) == (try JSONParser.parse(row).canonicalBytes))
        }
        // A key repeated where the sequence sorted before had another: the parser rejects it, and so is it left.
        let repeated = #"{"data":["# + rows[0] + "," + row(keys.dropLast() + ["spend"], 9) + "]}"
        #expect(Self.rewrite(repeated) == nil)
        #expect(throws: JSONError.self) { try JSONParser.parse(repeated) }
    }

    /// A value that is no page has no elements; one that is no object, no members either.
    @Test func anOutlineHoldsOnlyWhatTheValueHas() throws {
        let row = try #require(RawCanonicalizer.canonicalPage(of: Array(#"{"b":1,"a":{"data":[1]}}"#.utf8)))
        #expect(row.outline.members?.count == 2)
        #expect(row.outline.elements == nil)
        let notArray = try #require(RawCanonicalizer.canonicalPage(of: Array(#"{"data":{"a":[{"b":1}]}}"#.utf8)))
        #expect(notArray.outline.elements == nil && notArray.outline.elementMembers.isEmpty)
        let array = try #require(RawCanonicalizer.canonicalPage(of: Array(#"[{"data":[{"a":1}]}]"#.utf8)))
        #expect(array.outline.members == nil && array.outline.elements == nil)
        #expect(RawCanonicalizer.canonicalPage(of: Array(#"{"data":[{"a":1,"a":2}]}"#.utf8)) == nil)
    }

    private static let keys = ["a", "b", "ad_id", "spend", "A", "a_b", "1d_click", "value", "action_type", "zz", "ab"]
    private static let strings = ["", "x", "Sale 50%", "é😀", "q\"uote", "back\\slash", "tab\tnew\nline", "\u{7}"]

    private static func value(depth: Int, random: inout SplitMix64) -> JSONValue {
        switch random.next(depth > 3 ? 4 : 6) {
        case 0: return .string(strings[random.next(strings.count)])
        case 1: return .number(["0", "-1", "14.35", "1e3", "-0.50E-2"][random.next(5)])
        case 2: return [.null, .bool(true), .bool(false)][random.next(3)]
        case 3: return .string(String(random.next(1_000_000)))
        case 4: return .array((0..<random.next(4)).map { _ in value(depth: depth + 1, random: &random) })
        default:
            var members: [(key: String, value: JSONValue)] = []
            for key in keys.shuffled(using: &random).prefix(random.next(6)) {
                members.append((key, value(depth: depth + 1, random: &random)))
            }
            return .object(members)
        }
    }

    /// JSON text of `value` with random whitespace and string escapes the parser decodes.
    private static func print(_ value: JSONValue, random: inout SplitMix64) -> String {
        func space() -> String { [" ", "", "\n  ", "\t", "\r\n", ""][random.next(6)] }
        switch value {
        case .null: return "null"
        case .bool(let b): return b ? "true" : "false"
        case .number(let n): return n
        case .string(let s):
            var out = "\""
            for scalar in s.unicodeScalars {
                switch scalar {
                case "\"": out += "\\\""
                case "\\": out += "\\\\"
                case "\n": out += "\\n"
                case "\t": out += random.next(2) == 0 ? "\\t" : "\\u0009"
                case "é": out += random.next(2) == 0 ? "é" : "\\u00e9"
                case "/": out += "\\/"
                default:
                    if scalar.value < 0x20 {
                        out += String(format: "\\u%04x", scalar.value)
                    } else {
                        out.unicodeScalars.append(scalar)
                    }
                }
            }
            return out + "\""
        case .array(let elements):
            return "[" + space() + elements.map { print($0, random: &random) }.joined(separator: "," + space()) + "]"
        case .object(let members):
            let printed = members.map { "\"\($0.key)\"" + space() + ":" + space() + print($0.value, random: &random) }
            return "{" + space() + printed.joined(separator: space() + "," + space()) + space() + "}"
        }
    }
}

extension SplitMix64 {
    /// A number in `0..<bound`.
    fileprivate mutating func next(_ bound: Int) -> Int { Int(next() % UInt64(bound)) }
}
