import Foundation
import JSON
import MetaGraph
import Normalization
import Testing

/// `GraphSavedFile`: the reader of saved Graph responses that `ingest` uses.
@Suite struct SavedFileTests {
    /// What reading a file gave: its rows (locators with the temp path shortened to the file name) and
    /// the error that stopped the reading, if any.
    private struct Reading {
        var locators: [String] = []
        var accounts: [String?] = []
        var values: [JSONValue] = []
        /// Per row, its canonical JSON when the reader took it from the bytes with no tree.
        var canonical: [[UInt8]?] = []
        /// Per row, the keys the reader read with its canonical JSON.
        var keys: [InsightRowKeys?] = []
        var error: GraphError?
    }

    /// Writes `text` to a fresh temp file named `name` and reads every row; `readAhead`: after
    /// `GraphSavedFile.readAhead()`, as ingest reads its next file.
    private func read(_ text: String, name: String = "saved.json", readAhead: Bool = false) throws -> Reading {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "adledger-saved-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent(name).path
        try text.write(toFile: path, atomically: false, encoding: .utf8)
        var file = GraphSavedFile(path: path)
        if readAhead { file.readAhead() }
        var reading = Reading()
        do {
            while let row = try file.nextRow() {
                reading.locators.append(row.locator.replacingOccurrences(of: path, with: name))
                reading.accounts.append(row.pageAccount)
                reading.values.append(row.value)
                reading.canonical.append(row.canonical)
                reading.keys.append(row.keys)
            }
        } catch {
            if case .savedResponse(let source, let reason) = error {
                reading.error = .savedResponse(
                    source: source.replacingOccurrences(of: path, with: name), reason: reason)
            } else {
                reading.error = error
            }
        }
        return reading
    }

    @Test(
        arguments: [
            ("https://graph.facebook.com/v23.0/act_123/insights?access_token=SECRET&after=QVFI", nil, "act_123"),
            (nil, "https://graph.facebook.com/v23.0/act_77/insights?access_token=SECRET&before=QVFI", "act_77"),
            ("https://graph.facebook.com/v23.0/act_123?access_token=SECRET", nil, nil),
            ("https://graph.facebook.com/v23.0/act_/insights?access_token=SECRET", nil, nil),
            ("https://graph.facebook.com/v23.0/act_123456789012345678901/insights?access_token=SECRET", nil, nil),
            ("https://graph.facebook.com/v23.0/123/insights?access_token=SECRET", nil, nil),
        ] as [(String?, String?, String?)])
    func thePageAccountComesFromThePagingPathAndTheURLIsNotKept(next: String?, previous: String?, expected: String?)
        throws
    {
        var paging: [(key: String, value: JSONValue)] = []
        if let next { paging.append(("next", .string(next))) }
        if let previous { paging.append(("previous", .string(previous))) }
        let page = JSONValue.object([
            ("data", .array([.object([("ad_id", .string("1")), ("date_start", .string("2025-12-01"))])])),
            ("paging", .object(paging)),
        ])
        let reading = try read(page.canonicalText)
        #expect(reading.error == nil)
        #expect(reading.accounts == [expected])
        #expect(!(reading.locators + reading.values.map(\.canonicalText)).contains { $0.contains("SECRET") })
    }

    /// A page's rows come with the keys read while the page was split into rows: what a scan of each row's own
    /// bytes reads, and the row's identifying values.
    @Test func aPagesRowsCarryTheKeysTheirOwnBytesGive() throws {
        let page = """
            {"data": [
              {"date_stop": "2025-12-01", "ad_id": "111", "account_id": "act_42", "date_start": "2025-12-01",
               "publisher_platform": "instagram", "age": ["18-24"], "spend": "1", "actions": [{"action_type": "x"}]},
              {"ad_id": 112, "account_id": 42, "date_start": "2025-12-02", "product_id": 7},
              {"ad_id": {"id": "113"}, "date_start": 20251203},
              {"id": "114"}
            ]}
            """
        let reading = try read(page)
        #expect(reading.error == nil, "\(String(describing: reading.error))")
        // The bare `{"id": …}` (an ad with no data) is left to the tree, which skips it.
        #expect(reading.canonical.count == 3 && reading.canonical.allSatisfy { $0 != nil })
        for (canonical, keys) in zip(reading.canonical, reading.keys) {
            let bytes = try #require(canonical)
            let own = bytes.withUnsafeBufferPointer { InsightRowKeys.read(row: $0) }
            #expect(keys != nil && keys == own, "\(String(decoding: bytes, as: UTF8.self))")
        }
        let keys = reading.keys.compactMap { $0 }
        try #require(keys.count == 3)
        #expect(keys[0].adId == .text("111") && keys[0].accountId == .text("act_42"))
        #expect(keys[0].dateStart == .text("2025-12-01") && keys[0].dateStop == .text("2025-12-01"))
        #expect(keys[0].breakdown == [#"age=["18-24"]"#, "publisher_platform=instagram"])
        #expect(keys[1].adId == .text("112") && keys[1].accountId == .text("42") && keys[1].dateStop == .absent)
        #expect(keys[1].breakdown == ["product_id=7"])
        #expect(keys[2].adId == .other && keys[2].dateStart == .other && keys[2].accountId == .absent)
        #expect(keys.allSatisfy { $0.isPlainRow })
        func keysOf(_ text: String) throws -> InsightRowKeys? {
            try JSONParser.parse(text).canonicalBytes.withUnsafeBufferPointer { InsightRowKeys.read(row: $0) }
        }
        for notPlain in [#"{"id":"114"}"#, #"{"ad_id":"1","error":{}}"#, #"{"data":[]}"#, #"{"id":"1","insights":{}}"#] {
            let keys = try #require(try keysOf(notPlain))
            #expect(!keys.isPlainRow, "\(notPlain)")
        }
        #expect(try keysOf(#"{"ad_id":"1","error":{}}"#)?.hasError == true)
        #expect(try keysOf(#"["ad_id"]"#) == nil)
    }

    @Test func jsonLinesOfPagesAndRowsKeepTheirLinesAndAccounts() throws {
        let lines = """
            {"data":[{"ad_id":"1","date_start":"2025-12-01"},{"ad_id":"2","date_start":"2025-12-01"}],\
            "paging":{"next":"https://graph.facebook.com/v23.0/act_5/insights?after=x"}}

            {"ad_id":"3","date_start":"2025-12-02"}
            {"data":[{"id":"9","insights":{"data":[{"ad_id":"9","date_start":"2025-12-03"}]}},{"id":"10"}],\
            "paging":{"next":"https://graph.facebook.com/v23.0/act_6/ads?after=y"}}
            """
        let reading = try read(lines, name: "rows.jsonl")
        #expect(reading.error == nil)
        #expect(
            reading.locators == [
                "rows.jsonl:1 row 1", "rows.jsonl:1 row 2", "rows.jsonl:3", "rows.jsonl:4 row 1 insight 1",
            ])
        #expect(reading.accounts == ["act_5", "act_5", nil, "act_6"])
        #expect(reading.values.map { $0["ad_id"] } == [.string("1"), .string("2"), .string("3"), .string("9")])
    }

    /// Pages and rows, one line or pretty-printed, are read from their bytes (no tree per row): each row comes as
    /// its canonical JSON, which is the parsed row's; anything else on the page is read as the parser reads it.
    @Test(arguments: [
        #"{"data":[{"date_start":"2025-12-01","ad_id":"1","spend":"1.50"},{"ad_id":2,"date_start":"2025-12-02"}]}"#,
        "{\n  \"paging\": {\"next\": \"https://graph.facebook.com/v23.0/act_5/insights?after=x\"},\n  \"data\": [\n"
            + "    {\"ad_name\": \"Sale \\u00e9 \\\"x\\\"\", \"ad_id\": \"1\", \"date_start\": \"2025-12-01\"},\n"
            + "    {\"ad_id\": \"2\", \"date_start\": \"2025-12-02\", \"actions\": [ {\"value\": \"3\", \"action_type\": \"purchase\"} ]}\n"
            + "  ]\n}\n",
        "{\"ad_id\":\"1\",\"date_start\":\"2025-12-01\"}\n{ \"date_start\" : \"2025-12-02\" , \"ad_id\" : \"2\" }\n",
    ])
    func rowsAreReadFromTheirBytesAsTheParserReadsThem(text: String) throws {
        let reading = try read(text)
        #expect(reading.error == nil)
        #expect(reading.values.count == 2)
        for (value, canonical) in zip(reading.values, reading.canonical) {
            #expect(canonical == value.canonicalBytes, "\(value.canonicalText)")
        }
        #expect(reading.values.map { $0["ad_id"]?.scalarText } == ["1", "2"])
        if text.contains("paging") { #expect(reading.accounts == ["act_5", "act_5"]) }
    }

    /// Rows of 100 KB read the same as JSON lines, with CRLF endings, a byte-order mark and blank lines, and with
    /// no final newline; a one-line page of 2.4 MB (the whole buffer, handed over as it is) reads the same with or
    /// without its newline. (`LineReaderTests` cuts the reads into small chunks.)
    @Test func linesReadTheSameAcrossEndingsAndTheMark() throws {
        let pad = String(repeating: "x", count: 100_000)
        let rows = (1...24).map { #"{"ad_id":"\#($0)","date_start":"2025-12-01","ad_name":"\#(pad)"}"# }
        for (text, name) in [
            (rows.joined(separator: "\n"), "plain.jsonl"),
            ("\u{FEFF}" + rows.joined(separator: "\r\n\r\n") + "\r\n", "crlf.jsonl"),
        ] {
            let reading = try read(text, name: name)
            #expect(reading.error == nil, "\(name): \(String(describing: reading.error))")
            #expect(reading.values.map { $0["ad_id"]?.scalarText } == (1...24).map { "\($0)" }, "\(name)")
            #expect(reading.values.allSatisfy { $0["ad_name"]?.scalarText == pad }, "\(name)")
            #expect(reading.canonical.allSatisfy { $0 != nil }, "\(name)")
        }
        let page = #"{"data":["# + rows.joined(separator: ",") + "]}"
        for text in [page, page + "\n", page + "\r\n"] {
            let reading = try read(text)
            #expect(reading.error == nil)
            #expect(reading.locators == (1...24).map { "saved.json:1 row \($0)" })
            #expect(reading.values.last?["ad_id"]?.scalarText == "24")
        }
    }

    @Test func aMultiLineDocumentIsReadWhole() throws {
        let reading = try read("[\n {\"ad_id\": \"1\"},\n {\"ad_id\": \"2\"}\n]\n")
        #expect(reading.error == nil)
        #expect(reading.locators == ["saved.json row 1", "saved.json row 2"])
    }

    @Test func rowsBeforeAProblemComeFirstThenTheProblemNamesItsRow() throws {
        let reading = try read(#"{"data":[{"ad_id":"1"},{"ad_id":"2"},7,{"ad_id":"4"}]}"#)
        #expect(reading.locators == ["saved.json:1 row 1", "saved.json:1 row 2"])
        #expect(
            reading.error
                == .savedResponse(source: "saved.json:1 row 3", reason: "expected a JSON object for an insight row"))
    }

    @Test(arguments: [
        ("", "saved.json", "the file is empty"),
        ("{\"data\": [", "saved.json", "invalid JSON"),
        ("{\"data\": {}}", "saved.json:1", "\"data\" is not an array"),
        (
            "{\"error\":{\"message\":\"Invalid OAuth access token.\",\"code\":190}}", "saved.json:1",
            "(code 190: Invalid OAuth"
        ),
        ("{\"ad_id\":\"1\"}\n{\"ad_id\":", "saved.json:2", "fix or remove that line"),
        ("{\"id\":\"1\",\"insights\":{}}", "saved.json:1", "nested \"insights\" has no \"data\" array"),
    ])
    func unreadableFilesNameTheFileAndLine(text: String, source: String, reason: String) throws {
        let error = try read(text).error
        guard case .savedResponse(let foundSource, let foundReason)? = error else {
            Issue.record("expected a saved-response error, got \(String(describing: error))")
            return
        }
        #expect(foundSource == source)
        #expect(foundReason.contains(reason), "\(foundReason)")
    }

    /// Reading a file ahead (ingest's next file, while the current one's rows wait to be taken) gives the same rows,
    /// and the same problem after the same rows.
    @Test(arguments: [
        #"{"data":[{"ad_id":"1","date_start":"2026-01-01"},{"ad_id":"2","date_start":"2026-01-02"}]}"#,
        "{\n  \"data\": [\n    {\"ad_id\": \"1\"}\n  ]\n}\n",
        "{\"ad_id\":\"1\"}\n{\"ad_id\":\"2\"}\n",
        #"{"data":[{"ad_id":"1"},{"ad_id":"2"},7,{"ad_id":"4"}]}"#,
        "", "{\"data\": [", "{\"error\":{\"message\":\"Invalid OAuth access token.\",\"code\":190}}",
        "{\"ad_id\":\"1\"}\n{\"ad_id\":",
    ])
    func readingAheadReadsTheSame(text: String) throws {
        let plain = try read(text)
        let ahead = try read(text, readAhead: true)
        #expect(ahead.locators == plain.locators)
        #expect(ahead.values == plain.values)
        #expect(ahead.canonical == plain.canonical)
        #expect(ahead.error == plain.error)
        #expect(plain.locators.count + (plain.error == nil ? 0 : 1) > 0)
    }

    /// Reading ahead does the reading: the rows come out after the file is gone.
    @Test func aFileReadAheadIsNotReadAgain() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "adledger-saved-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("saved.json").path
        try #"{"data":[{"ad_id":"1","date_start":"2026-01-01"},{"ad_id":"2","date_start":"2026-01-02"}]}"#
            .write(toFile: path, atomically: false, encoding: .utf8)
        var file = GraphSavedFile(path: path)
        file.readAhead()
        try FileManager.default.removeItem(atPath: path)
        var ids: [String?] = []
        while let row = try file.nextRow() { ids.append(row.value["ad_id"]?.stringValue) }
        #expect(ids == ["1", "2"])
    }

    @Test func aMissingFileIsAnErrorNamingIt() {
        var ahead = GraphSavedFile(path: "/no/such/dir/x.json")
        ahead.readAhead()
        #expect(
            throws: GraphError.savedResponse(
                source: "/no/such/dir/x.json", reason: "cannot read the file; check the path and its permissions")
        ) {
            try ahead.nextRow()
        }
        var file = GraphSavedFile(path: "/no/such/dir/x.json")
        #expect(
            throws: GraphError.savedResponse(
                source: "/no/such/dir/x.json", reason: "cannot read the file; check the path and its permissions")
        ) {
            try file.nextRow()
        }
    }
}
