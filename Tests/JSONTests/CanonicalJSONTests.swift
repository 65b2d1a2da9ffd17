import Foundation
import JSON
import Testing

@Suite struct CanonicalJSONTests {
    @Test func keysAreSortedAndWhitespaceDropped() throws {
        let value = try JSONParser.parse(#" { "b" : 1 , "a" : { "z" : [ 1 , 2 ] , "y" : null } , "A": true } "#)
        #expect(value.canonicalText == #"{"A":true,"a":{"y":null,"z":[1,2]},"b":1}"#)
    }

    @Test func keysSortByUTF8Bytes() throws {
        let value = try JSONParser.parse(#"{"é": 1, "z": 2, "Z": 3, "1d_click": 4, "action_type": 5, "😀": 6, "ｚ": 7}"#)
        #expect(value.canonicalText == #"{"1d_click":4,"Z":3,"action_type":5,"z":2,"é":1,"ｚ":7,"😀":6}"#)
    }

    @Test func memberOrderDoesNotChangeTheBytes() throws {
        let one = try JSONParser.parse(#"{"spend": "1.50", "actions": [{"value": "2", "action_type": "purchase"}]}"#)
        let two = try JSONParser.parse(#"{"actions":[{"action_type":"purchase","value":"2"}],"spend":"1.50"}"#)
        #expect(one != two)
        #expect(one.canonicalBytes == two.canonicalBytes)
    }

    @Test func arrayOrderIsKept() throws {
        #expect(try JSONParser.parse("[3, 1, 2]").canonicalText == "[3,1,2]")
    }

    @Test func numbersKeepTheirLexeme() throws {
        let value = try JSONParser.parse(#"{"a": 1.50, "b": 1e400, "c": -0, "d": "1.50"}"#)
        #expect(value.canonicalText == #"{"a":1.50,"b":1e400,"c":-0,"d":"1.50"}"#)
    }

    @Test func stringsEscapeOnlyWhatTheyMust() throws {
        let value = JSONValue.string("a\"b\\c\nd\re\tf\u{1}g\u{1F}h/é\u{7F}")
        #expect(value.canonicalText == #""a\"b\\c\nd\re\tf\u0001g\u001fh/é\#u{7F}""#)
        #expect(try JSONParser.parse(value.canonicalText) == value)
    }

    @Test(arguments: [
        #"{"data":[{"account_id":"1","actions":[{"action_type":"purchase","value":"1"}]}],"paging":{"cursors":{"after":"x"}}}"#,
        #"["\u00e9\ud83d\ude00",{"":{"":[]}},-1.5E-7,false]"#,
        "null", "\"\"", "{}", "[]",
    ])
    func roundTripIsStable(text: String) throws {
        let value = try JSONParser.parse(text)
        let canonical = value.canonicalText
        let again = try JSONParser.parse(canonical)
        #expect(again.canonicalText == canonical)
        #expect(again.canonicalBytes == Array(canonical.utf8))
    }

    @Test func canonicalBytesAreUTF8OfText() throws {
        let value = try JSONParser.parse(#"{"name": "日本"}"#)
        #expect(value.canonicalBytes == Array(value.canonicalText.utf8))
        #expect(value.canonicalText == #"{"name":"日本"}"#)
    }
}
