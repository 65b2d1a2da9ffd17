import JSON
import Testing

/// `CanonicalScanner`'s steps over bytes known to be canonical (`nextKnownKey`, `skipKnownValue`): ingest's page
/// reader passes over a row's members with them, trusting the bytes `RawCanonicalizer` wrote.
@Suite struct KnownCanonicalScanTests {
    /// Values whose ends a scan that follows only strings and brackets could get wrong.
    static let values: [String] = [
        #""a\"b""#, #""\\""#, #""x\\\"y\\""#, #""]}\",""#, "[]", "{}", #"[1,[2,{"a":"]"}],"}"]"#, "-1.5e3", "0",
        "true", "false", "null", #"{"a":{"b":[{"c":"é\u0001"}]}}"#,
        String(repeating: "[", count: 36) + "1" + String(repeating: "]", count: 36),
    ]

    @Test(arguments: values)
    func aKnownSkipStopsWhereTheCheckingSkipStops(text: String) throws {
        let value = try JSONParser.parse(Array(text.utf8))
        let canonical = JSONValue.object([("k", value), ("z", .number("1"))]).canonicalBytes
        canonical.withUnsafeBufferPointer { bytes in
            var scanner = CanonicalScanner(bytes)
            let entered = scanner.enterObject()
            #expect(entered)
            var cursor = CanonicalScanner.ObjectCursor()
            guard case .key(let key)? = scanner.nextKnownKey(&cursor) else {
                Issue.record("no first key")
                return
            }
            #expect(CanonicalScanner.equal(key, "k"))
            var checked = scanner
            let skipped = scanner.skipKnownValue()
            #expect(skipped)
            // Deeper than the checking scanner follows: it is unsure, the known skip is not.
            if checked.skipValue() { #expect(scanner.index == checked.index, "\(text)") }
            guard case .key(let last)? = scanner.nextKnownKey(&cursor) else {
                Issue.record("no second key after \(text)")
                return
            }
            #expect(CanonicalScanner.equal(last, "z"))
            let skippedLast = scanner.skipKnownValue()
            #expect(skippedLast)
            guard case .end? = scanner.nextKnownKey(&cursor) else {
                Issue.record("no end after \(text)")
                return
            }
            #expect(scanner.isAtEnd)
        }
    }

    @Test func aWholeValueIsSkippedToItsEnd() throws {
        for text in Self.values {
            let canonical = try JSONParser.parse(Array(text.utf8)).canonicalBytes
            canonical.withUnsafeBufferPointer { bytes in
                var scanner = CanonicalScanner(bytes)
                let skipped = scanner.skipKnownValue()
                #expect(skipped && scanner.isAtEnd, "\(text)")
            }
        }
    }

    /// Cut-off text is not skipped, and a key the known read cannot vouch for (an escape, a non-ASCII byte) leaves
    /// the row to the checking read.
    @Test func cutTextAndUnusualKeysAreRefused() {
        for text in [#"[1,2"#, #""abc"#, #""ab\""#, #"{"a":[1]"#, "", "]", ","] {
            let bytes = Array(text.utf8)
            bytes.withUnsafeBufferPointer { buffer in
                var scanner = CanonicalScanner(buffer)
                let skipped = scanner.skipKnownValue()
                #expect(!skipped, "\(text)")
                #expect(scanner.index == 0)
            }
        }
        for text in [#"{"a\"b":1}"#, #"{"é":1}"#, #"{"a"1}"#, #"{1:2}"#] {
            let bytes = Array(text.utf8)
            bytes.withUnsafeBufferPointer { buffer in
                var scanner = CanonicalScanner(buffer)
                let entered = scanner.enterObject()
                #expect(entered)
                var cursor = CanonicalScanner.ObjectCursor()
                var refused = false
                if case .none = scanner.nextKnownKey(&cursor) { refused = true }
                #expect(refused, "\(text)")
            }
        }
    }
}
