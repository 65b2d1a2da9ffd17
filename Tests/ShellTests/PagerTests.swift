import Foundation
import Testing

/// Results taller than the 30-row test terminal, through real pagers (the real `less`) in a real
/// pseudo-terminal. On that terminal `less` shows the header, its rule and rows 1–27, then its prompt.
@Suite(.serialized) struct PagerTests {
    /// A statement answering `count` rows, `row 1` … `row N`.
    static func rows(_ count: Int) -> String {
        "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < \(count)) SELECT 'row ' || x AS r FROM c;\r"
    }

    /// less switches to the terminal's alternate screen (xterm's smcup) unless given -X.
    static let alternateScreen = "\u{1B}[?1049h"

    @Test func lessShowsTheFirstScreenAndQGivesBackAWorkingPrompt() throws {
        let ledger = try TestLedger()
        let shell = try InteractiveShellTests.shell(ledger, pager: "less", terminal: "xterm")
        try shell.expect("adledger> ")
        try shell.send(Self.rows(200))
        let screen = try Self.firstScreen(shell)
        #expect(screen.contains("row 1\r\n") && screen.contains(Self.alternateScreen))
        try shell.send("\u{03}")  // Ctrl-C is less's while it runs: neither it nor the shell ends
        try Self.press("G", on: shell, until: "(200 rows)")  // less, still there, goes to the end
        try shell.send("q")
        try shell.expect("adledger> ")
        // Ctrl-A is readline's (to the start of the line): typed into a terminal left in cooked mode it
        // would become part of the SQL.
        try shell.send("'after the pager' AS a;\u{01}SELECT \r")
        #expect(try shell.expect("(1 row)").contains("after the pager"))
        try Self.leave(shell)
    }

    @Test func withPagerUnsetTheDefaultIsLessFRX() throws {
        let ledger = try TestLedger()
        let shell = try InteractiveShellTests.shell(ledger, terminal: "xterm")
        try shell.expect("adledger> ")
        try shell.send(Self.rows(200))
        try Self.firstScreen(shell)
        #if os(Linux)
            #expect(try Self.childCommandLines(of: shell.pid) == [["less", "-FRX"]])
        #endif
        try shell.send("q")
        #expect(!(try shell.expect("adledger> ")).contains("row 28"))
        #expect(!shell.transcriptText.contains(Self.alternateScreen))  // -X: the first screen stays visible
        try shell.send(".pager off\r")
        try shell.expect("adledger> ")
        try shell.send(Self.rows(200))  // no pager: all of it at once, no key needed
        #expect(try shell.expect("(200 rows)").contains("row 200\r\n"))
        try Self.leave(shell)
    }

    @Test func anEmptyPagerMeansNone() throws {
        let ledger = try TestLedger()
        let shell = try InteractiveShellTests.shell(ledger, pager: "", terminal: "xterm")
        try shell.expect("adledger> ")
        try shell.send(Self.rows(200))
        #expect(try shell.expect("(200 rows)").contains("row 200\r\n"))
        try Self.leave(shell)
    }

    @Test(arguments: [
        ("no-such-pager-for-adledger", "could not start (No such file or directory)"),
        ("false", "exited with status 1"),
        ("kill -STOP $$", "was stopped (signal"),
    ])
    func aPagerThatFailsCostsNoResult(pager: String, reason: String) throws {
        let ledger = try TestLedger()
        let errors = ledger.file("stderr")
        let shell = try InteractiveShellTests.shell(ledger, pager: pager, terminal: "xterm", errorPath: errors)
        try shell.expect("adledger> ")
        try shell.send(Self.rows(40))
        let output = try shell.expect("(40 rows)")
        #expect(output.contains("row 1\r\n") && output.contains("row 40\r\n"))
        try shell.expect("adledger> ")
        try shell.send(Self.rows(41))  // paging is off now: printed directly, and nothing more is said
        #expect(try shell.expect("(41 rows)").contains("row 41\r\n"))
        try Self.leave(shell)
        let lines = try String(contentsOfFile: errors, encoding: .utf8).split(separator: "\n")
        #expect(lines.count == 1)
        #expect(lines.first?.contains("pager \"\(pager)\" skipped: it \(reason)") == true)
    }

    @Test func quittingAHundredThousandRowsGivesThePromptBackAtOnce() throws {
        let ledger = try TestLedger()
        let shell = try InteractiveShellTests.shell(ledger, pager: "less", terminal: "xterm")
        try shell.expect("adledger> ")
        try shell.send(Self.rows(100_000))
        try Self.firstScreen(shell, timeout: .seconds(120))  // the whole result is rendered first
        let quit = ContinuousClock.now
        try shell.send("q")
        let back = try shell.expect("adledger> ", timeout: .seconds(30))
        let elapsed = ContinuousClock.now - quit
        #expect(elapsed < .seconds(1), "the prompt came back \(elapsed) after q")
        #expect(!back.contains("row 28"))
        try shell.send("SELECT 'still here';\r")  // no SIGPIPE: the shell is alive and answers
        try shell.expect("(1 row)")
        try Self.leave(shell)
    }

    /// Waits for less's first screen (rows 1–27, then its prompt) and returns it.
    @discardableResult
    static func firstScreen(_ shell: PTYProcess, timeout: Duration = .seconds(15)) throws -> String {
        let screen = try shell.expect("row 27", timeout: timeout)
        return screen + (try shell.expect(":"))
    }

    /// At the prompt: Ctrl-D, and the shell exits 0.
    static func leave(_ shell: PTYProcess) throws {
        try shell.expect("adledger> ")
        try shell.send("\u{04}")
        #expect(try shell.waitForExit() == 0)
    }

    /// Presses `key` until `pattern` shows (less drops keys typed while it handles Ctrl-C).
    static func press(_ key: String, on shell: PTYProcess, until pattern: String) throws {
        for _ in 1..<10 {
            try shell.send(key)
            do {
                try shell.expect(pattern, timeout: .seconds(1))
                return
            } catch PTYError.timeout {}
        }
        try shell.send(key)
        try shell.expect(pattern)
    }

    #if os(Linux)
        /// The command lines of `pid`'s child processes (started by any of its threads), from /proc.
        static func childCommandLines(of pid: pid_t) throws -> [[String]] {
            let threads = try FileManager.default.contentsOfDirectory(atPath: "/proc/\(pid)/task")
            let children = try threads.flatMap { thread in
                try String(contentsOfFile: "/proc/\(pid)/task/\(thread)/children", encoding: .utf8)
                    .split(separator: " ")
            }
            return try children.map { child in
                let data = try Data(contentsOf: URL(fileURLWithPath: "/proc/\(child)/cmdline"))
                return data.split(separator: 0).map { String(decoding: $0, as: UTF8.self) }
            }
        }
    #endif
}
