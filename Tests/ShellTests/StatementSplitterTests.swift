import Testing

@testable import Shell

@Suite struct StatementSplitterTests {
    static func split(_ lines: [String]) -> (statements: [String], pending: String) {
        var splitter = StatementSplitter()
        var statements: [String] = []
        for line in lines { statements += splitter.append(line: line) }
        return (statements, splitter.pending)
    }

    @Test func statementSpansLines() {
        let result = Self.split(["SELECT 1", "  + 2", ";"])
        #expect(result.statements == ["SELECT 1\n  + 2\n;"])
        #expect(result.pending == "")
    }

    @Test func semicolonsInsideQuotesAndCommentsDoNotEnd() {
        let result = Self.split(["SELECT 'a;''b', \"c;\", [d;], `e;` -- f;", "/* g; */ FROM t; SELECT 2"])
        #expect(result.statements == ["SELECT 'a;''b', \"c;\", [d;], `e;` -- f;\n/* g; */ FROM t;"])
        #expect(result.pending == "SELECT 2")
    }

    @Test func blankAndCommentOnlyInputIsEmpty() {
        var splitter = StatementSplitter()
        #expect(splitter.append(line: "-- just a note").isEmpty)
        #expect(splitter.isEmpty)
        #expect(splitter.append(line: ";;").isEmpty)
        #expect(splitter.isEmpty)
        #expect(splitter.append(line: "/* open").isEmpty)
        #expect(!splitter.isEmpty)
        #expect(splitter.append(line: "close */").isEmpty)
        #expect(splitter.isEmpty)
        #expect(splitter.finish() == nil)
    }

    @Test func finishReturnsALastStatementWithoutSemicolon() {
        var splitter = StatementSplitter()
        _ = splitter.append(line: "SELECT 1; SELECT")
        _ = splitter.append(line: "2")
        #expect(splitter.finish() == "SELECT\n2")
        #expect(splitter.isEmpty)
    }

    @Test func dotCommandLinesAreParsedWithQuotes() {
        #expect(DotCommandLine(".MODE csv") == nil ? false : DotCommandLine(".MODE csv")?.name == "mode")
        #expect(DotCommandLine("  .param set x 'a b' \"c\"")?.arguments == ["set", "x", "a b", "c"])
        #expect(DotCommandLine(".nullvalue ''")?.arguments == [""])
        #expect(DotCommandLine("SELECT 1") == nil)
        #expect(DotCommandLine(".") == nil)
    }
}
