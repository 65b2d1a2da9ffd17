import Ledger
import Testing

@testable import Shell

/// Wide Unicode, combining marks, NULLs, blobs (one not UTF-8), empty strings, extreme numbers and empty
/// results in every mode, rendered from a live statement (the shell's path) and from `[SQLValue]` rows:
/// both must give the same bytes, the bytes the renderer gave before it read cells in place.
@Suite struct RenderedModesTests {
    static let sql = """
        SELECT '春のセール🎉' AS name, NULL AS n, x'41FF42' AS b, 'e' || char(769) AS c, \
        'two' || char(10) || 'lines' AS t, -9223372036854775807 - 1 AS i, 2.5 AS r \
        UNION ALL SELECT 'x', 7, x'', 'a|b', ' lead', 0, -1e300 \
        UNION ALL SELECT 'ｶﾅ한', 1.5, NULL, '"q"', '', 12, NULL;
        """

    static let columns = ["name", "n", "b", "c", "t", "i", "r"]
    static let rows: [[SQLValue]] = [
        [
            .text("春のセール🎉"), .null, .blob([0x41, 0xFF, 0x42]), .text("e\u{301}"), .text("two\nlines"), .integer(.min),
            .real(2.5),
        ],
        [.text("x"), .integer(7), .blob([]), .text("a|b"), .text(" lead"), .integer(0), .real(-1e300)],
        [.text("ｶﾅ한"), .real(1.5), .null, .text("\"q\""), .text(""), .integer(12), .null],
    ]

    static let expected: [ResultFormat: String] = [
        .table: "name             n  b     c    t                             i        r\n"
            + "------------  ----  ----  ---  ---------  --------------------  -------\n"
            + "春のセール🎉  NULL  A\u{FFFD}B   e\u{301}    two↵lines  -9223372036854775808      2.5\n"
            + "x                7        a|b   lead                         0  -1e+300\n"
            + "ｶﾅ한           1.5  NULL  \"q\"                               12  NULL\n",
        .csv: "name,n,b,c,t,i,r\n"
            + "春のセール🎉,,A\u{FFFD}B,e\u{301},\"two\nlines\",-9223372036854775808,2.5\n"
            + "x,7,,a|b,\" lead\",0,-1e+300\n"
            + "ｶﾅ한,1.5,,\"\"\"q\"\"\",,12,\n",
        .json: "[\n"
            + "{\"name\":\"春のセール🎉\",\"n\":null,\"b\":\"A\u{FFFD}B\",\"c\":\"e\u{301}\",\"t\":\"two\\nlines\","
            + "\"i\":-9223372036854775808,\"r\":2.5},\n"
            + "{\"name\":\"x\",\"n\":7,\"b\":\"\",\"c\":\"a|b\",\"t\":\" lead\",\"i\":0,\"r\":-1e+300},\n"
            + "{\"name\":\"ｶﾅ한\",\"n\":1.5,\"b\":null,\"c\":\"\\\"q\\\"\",\"t\":\"\",\"i\":12,\"r\":null}\n"
            + "]\n",
        .jsonl: "{\"name\":\"春のセール🎉\",\"n\":null,\"b\":\"A\u{FFFD}B\",\"c\":\"e\u{301}\",\"t\":\"two\\nlines\","
            + "\"i\":-9223372036854775808,\"r\":2.5}\n"
            + "{\"name\":\"x\",\"n\":7,\"b\":\"\",\"c\":\"a|b\",\"t\":\" lead\",\"i\":0,\"r\":-1e+300}\n"
            + "{\"name\":\"ｶﾅ한\",\"n\":1.5,\"b\":null,\"c\":\"\\\"q\\\"\",\"t\":\"\",\"i\":12,\"r\":null}\n",
        .markdown: "| name | n | b | c | t | i | r |\n"
            + "| --- | ---: | --- | --- | --- | ---: | ---: |\n"
            + "| 春のセール🎉 | NULL | A\u{FFFD}B | e\u{301} | two↵lines | -9223372036854775808 | 2.5 |\n"
            + "| x | 7 |  | a\\|b |  lead | 0 | -1e+300 |\n"
            + "| ｶﾅ한 | 1.5 | NULL | \"q\" |  | 12 | NULL |\n",
        .line: "name = 春のセール🎉\n   n = NULL\n   b = A\u{FFFD}B\n   c = e\u{301}\n   t = two\nlines\n"
            + "   i = -9223372036854775808\n   r = 2.5\n\n"
            + "name = x\n   n = 7\n   b = \n   c = a|b\n   t =  lead\n   i = 0\n   r = -1e+300\n\n"
            + "name = ｶﾅ한\n   n = 1.5\n   b = NULL\n   c = \"q\"\n   t = \n   i = 12\n   r = NULL\n",
    ]

    static let empty: [ResultFormat: String] = [
        .table: "a  b\n-  -\n", .csv: "a,b\n", .json: "[]\n", .jsonl: "", .markdown: "| a | b |\n| --- | --- |\n", .line: "",
    ]

    @Test(arguments: ResultFormat.allCases)
    func statementAndValueRowsRenderTheSameBytes(format: ResultFormat) throws {
        let expected = try #require(Self.expected[format])
        let values = ResultRendererTests.render(format, columns: Self.columns, rows: Self.rows) {
            $0.nullValue = ShellSettings.defaultNull(for: format)
        }
        #expect(values.count == 3)
        #expect(Array(values.text.utf8) == Array(expected.utf8))
        let run = try ShellRun(".mode \(format.rawValue)\n\(Self.sql)", on: TestLedger())
        #expect(run.errors == "")
        #expect(Array(run.output.utf8) == Array((expected + (format == .table ? "(3 rows)\n" : "")).utf8))
    }

    @Test(arguments: ResultFormat.allCases)
    func emptyResultsKeepTheirFrame(format: ResultFormat) throws {
        let expected = try #require(Self.empty[format])
        #expect(ResultRendererTests.render(format, columns: ["a", "b"], rows: []).text == expected)
        let run = try ShellRun(".mode \(format.rawValue)\nSELECT 1 AS a, 'x' AS b WHERE 0;", on: TestLedger())
        #expect(run.output == expected + (format == .table ? "(0 rows)\n" : ""))
    }

    /// Fitting to a 30-column terminal cuts wide and combining text by columns; a space a prepended mark
    /// (U+0600) holds in its grapheme cluster survives the trimming of trailing blanks.
    @Test func tableFitsATerminalByDisplayColumns() throws {
        let sql = """
            SELECT '春のセール🎉春のセール' AS name, 12345 AS n, 'abcdefghijklmnopqrstuvwxyz' AS t, \
            'e' || char(769) || 'xyz' AS c UNION ALL SELECT 'ｶﾅ', NULL, NULL, 'a ' || char(1536) || ' ';
            """
        let run = try ShellRun(sql, on: TestLedger(), configuration: ShellConfiguration(terminalWidth: 30))
        let expected =
            "name          n  t        c\n" + "--------  -----  -------  ----\n"
            + "春のセ…   12345  abcdef…  e\u{301}xyz\n" + "ｶﾅ        NULL   NULL     a \u{600} \n" + "(2 rows)\n"
        #expect(Array(run.output.utf8) == Array(expected.utf8))
    }

    /// A cell of 64 KiB or more and a non-ASCII cell keep their length and width in the held cells' side lists.
    @Test func longAndWideCellsAlign() {
        let long = String(repeating: "a", count: 70_000)
        let rows: [[SQLValue]] = [[.text(long), .integer(1)], [.text("日本"), .integer(2)], [.text("x"), .integer(3)]]
        let result = ResultRendererTests.render(.table, columns: ["t", "n"], rows: rows)
        let pad = { (width: Int) in String(repeating: " ", count: 70_000 - width) }
        let expected =
            "t" + pad(1) + "  n\n" + String(repeating: "-", count: 70_000) + "  -\n" + long + "  1\n"
            + "日本" + pad(4) + "  2\n" + "x" + pad(1) + "  3\n"
        #expect(result.text == expected)
        let markdown = ResultRendererTests.render(.markdown, columns: ["t", "n"], rows: rows)
        #expect(markdown.text == "| t | n |\n| --- | ---: |\n| \(long) | 1 |\n| 日本 | 2 |\n| x | 3 |\n")
    }

    /// Rows far past the writer's 64 KiB buffer come out whole and in order.
    @Test func largeResultsStreamInOrder() throws {
        let sql =
            "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 20000) SELECT i, '日本' || i FROM n;"
        let run = try ShellRun(".mode csv\n.headers off\n\(sql)", on: TestLedger())
        #expect(run.output == (1...20000).map { "\($0),日本\($0)\n" }.joined())
    }
}
