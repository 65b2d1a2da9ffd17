import Ledger
import Testing

@testable import Shell

@Suite struct ResultRendererTests {
    static func render(
        _ format: ResultFormat, columns: [String], rows: [[SQLValue]],
        configure: (inout ResultRenderer) -> Void = { _ in }
    ) -> (text: String, count: Int) {
        var text = ""
        var renderer = ResultRenderer(format: format) { text += $0 }
        configure(&renderer)
        renderer.begin(columns: columns)
        for row in rows { renderer.add(row) }
        let count = renderer.end()
        return (text, count)
    }

    static let rows: [[SQLValue]] = [
        [.text("春のセール🎉"), .integer(1523), .real(14.35), .null],
        [.text("b"), .integer(-7), .real(3), .text("x")],
    ]

    @Test func tableAlignsByDisplayWidthAndRightAlignsNumbers() {
        let result = Self.render(.table, columns: ["name", "n", "spend", "note"], rows: Self.rows) {
            $0.nullValue = "NULL"
        }
        #expect(result.count == 2)
        #expect(
            result.text == """
                name             n  spend  note
                ------------  ----  -----  ----
                春のセール🎉  1523  14.35  NULL
                b               -7    3.0  x

                """)
    }

    @Test func tableFitsTheWidthByCuttingTheWidestColumns() {
        let rows: [[SQLValue]] = [
            [.text(String(repeating: "a", count: 50)), .text("short"), .text(String(repeating: "字", count: 30))]
        ]
        let result = Self.render(.table, columns: ["long", "s", "wide"], rows: rows) { $0.maxWidth = 40 }
        let lines = result.text.split(separator: "\n")
        #expect(lines.allSatisfy { DisplayWidth.of(String($0)) <= 40 })
        #expect(lines[2].contains("short"))
        #expect(lines[2].contains("…"))
        #expect(ResultRenderer.fit([50, 5, 60], into: 40, separator: 2) == [16, 5, 15])
        #expect(ResultRenderer.fit([3, 4], into: 80, separator: 2) == [3, 4])
        #expect(ResultRenderer.fit([10, 10, 10], into: 5, separator: 2) == [3, 3, 3])  // never below 3
    }

    @Test func maxCellWidthCutsLongCells() {
        let result = Self.render(.table, columns: ["t"], rows: [[.text("abcdefghij")]]) { $0.maxCellWidth = 5 }
        #expect(result.text == "t\n-----\nabcd…\n")
    }

    @Test func lineBreaksAndControlCharactersAreVisibleInTables() {
        let result = Self.render(.table, columns: ["t"], rows: [[.text("a\nb\r\nc\td\u{1B}[31m")]]) {
            $0.headers = false
        }
        #expect(result.text == "a↵b↵c␉d␛[31m\n")
    }

    /// Found by the creatives fuzz target's CSV writer: a quote followed by a combining mark is one
    /// `Character`, so a `Character`-wise replacement left it undoubled and broke the field.
    @Test func csvDoublesAQuoteThatCarriesACombiningMark() {
        let result = Self.render(.csv, columns: ["a"], rows: [[.text("x\"\u{301}y")]]) { $0.headers = false }
        #expect(Array(result.text.utf8) == Array("\"x\"\"\u{301}y\"\n".utf8))
    }

    @Test func csvQuotesOnlyWhatNeedsIt() {
        let rows: [[SQLValue]] = [
            [
                .text("plain"), .text("a,b"), .text("say \"hi\""), .text("two\nlines"), .text(" padded"), .null,
                .real(2.5),
            ]
        ]
        let result = Self.render(.csv, columns: ["a", "b,c", "d", "e", "f", "g", "h"], rows: rows)
        #expect(
            result.text == "a,\"b,c\",d,e,f,g,h\nplain,\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",\" padded\",,2.5\n")
    }

    @Test func jsonEscapesAndKeepsTypes() {
        let rows: [[SQLValue]] = [
            [.text("q\"b\\s\n\t\u{01}é🎉"), .integer(3), .real(1.5), .null, .real(.infinity)]
        ]
        let result = Self.render(.json, columns: ["s", "i", "r", "n", "inf"], rows: rows)
        #expect(
            result.text == "[\n{\"s\":\"q\\\"b\\\\s\\n\\t\\u0001é🎉\",\"i\":3,\"r\":1.5,\"n\":null,\"inf\":null}\n]\n")
        #expect(Self.render(.json, columns: ["a"], rows: []).text == "[]\n")
    }

    @Test func markdownEscapesPipesAndAlignsNumbers() {
        let result = Self.render(
            .markdown, columns: ["name", "n"], rows: [[.text("a|b"), .integer(1)], [.null, .integer(2)]]
        ) {
            $0.nullValue = "NULL"
        }
        #expect(result.text == "| name | n |\n| --- | ---: |\n| a\\|b | 1 |\n| NULL | 2 |\n")
    }

    @Test func lineModeAlignsNames() {
        let result = Self.render(
            .line, columns: ["id", "名前"], rows: [[.integer(1), .text("x")], [.integer(2), .null]]
        ) {
            $0.nullValue = "NULL"
        }
        #expect(result.text == "  id = 1\n名前 = x\n\n  id = 2\n名前 = NULL\n")
    }

    @Test func headersOffDropsTheHeader() {
        let table = Self.render(.table, columns: ["a"], rows: [[.integer(1)]]) { $0.headers = false }
        #expect(table.text == "1\n")
        let csv = Self.render(.csv, columns: ["a"], rows: [[.integer(1)]]) { $0.headers = false }
        #expect(csv.text == "1\n")
    }

    @Test func emptyResultStillHasAHeader() {
        #expect(Self.render(.table, columns: ["a", "bb"], rows: []).text == "a  bb\n-  --\n")
    }
}
