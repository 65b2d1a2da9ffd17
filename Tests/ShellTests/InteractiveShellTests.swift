import Foundation
import Testing

@testable import Shell

/// The REPL through a real pseudo-terminal, driving the `adledger` binary built beside the tests.
@Suite(.serialized) struct InteractiveShellTests {
    /// The built `adledger` executable: beside the test bundle, or a few directories up from it.
    static func adledgerBinary() throws -> String {
        var searched: [String] = []
        var directory = Bundle.main.bundleURL
        for _ in 0..<4 {
            for candidate in [
                directory, directory.appendingPathComponent("debug"), directory.appendingPathComponent("release"),
            ] {
                let path = candidate.appendingPathComponent("adledger").path
                searched.append(path)
                var isDirectory: ObjCBool = false
                if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue,
                    FileManager.default.isExecutableFile(atPath: path)
                {
                    return path
                }
            }
            directory = directory.deletingLastPathComponent()
        }
        let found: String? = nil
        return try #require(
            found,
            "the adledger binary was not found beside the tests (looked at \(searched.joined(separator: ", "))); build it with `swift build` — the pty tests drive the real binary"
        )
    }

    /// Starts `adledger shell --db` on `ledger` in a pty, with a private HOME and history file. `PAGER` is
    /// unset when `pager` is nil; on the default `dumb` terminal the shell then pages nothing.
    static func shell(
        _ ledger: TestLedger, history: String? = nil, pager: String? = nil, terminal: String = "dumb",
        errorPath: String? = nil
    ) throws -> PTYProcess {
        var environment = [
            "TERM": terminal, "INPUTRC": "/dev/null", "HOME": ledger.directory.path, "LANG": "C.UTF-8",
            "ADLEDGER_HISTORY": history ?? ledger.file("history"),
        ]
        environment["PATH"] = ProcessInfo.processInfo.environment["PATH"]
        environment["PAGER"] = pager
        return try PTYProcess(
            executable: try adledgerBinary(), arguments: ["shell", "--db", ledger.path], environment: environment,
            errorPath: errorPath)
    }

    @Test func promptAndAMultiLineStatement() throws {
        let ledger = try TestLedger()
        let shell = try Self.shell(ledger)
        try shell.expect("adledger> ")
        try shell.send("SELECT meta_ad_id,\r")
        try shell.expect("...> ")
        try shell.send("  spend FROM meta_ads_performance\r")
        try shell.expect("...> ")
        try shell.send("ORDER BY 1;\r")
        let output = try shell.expect("(2 rows)")
        #expect(output.contains("111          12.5"))
        try shell.expect("adledger> ")
        try shell.send(".asof 2025-12-20\r")
        try shell.expect("adledger (as of 2025-12-20)> ")
        try shell.send("SELECT spend FROM meta_ads_performance WHERE meta_ad_id = '111';\r")
        #expect(try shell.expect("(1 row)").contains("10.0"))
        // Keys typed before readline has the terminal are read in canonical mode, where Ctrl-D is no key:
        // wait for the prompt first.
        try shell.expect("adledger (as of 2025-12-20)> ")
        try shell.send("\u{04}")
        #expect(try shell.waitForExit() == 0)
    }

    @Test func tabCompletesATableAndAColumnName() throws {
        let ledger = try TestLedger()
        let shell = try Self.shell(ledger)
        try shell.expect("adledger> ")
        // Without completion each of these is an error ("no such table: brand_ad", "no such column").
        try shell.send("SELECT count(*) AS links FROM brand_ad\t;\r")
        let table = try shell.expect("(1 row)")
        #expect(table.contains("links"))
        #expect(!table.contains("Error"))
        try shell.expect("adledger> ")
        try shell.send("SELECT timezone_na\t FROM meta_ad_accounts;\r")
        let column = try shell.expect("rows)")
        #expect(column.contains("timezone_name\r\n-------------"))
        #expect(!column.contains("Error"))
        try shell.expect("adledger> ")
        try shell.send(".quit\r")
        #expect(try shell.waitForExit() == 0)
    }

    @Test func ctrlCClearsTheLineAndStopsALongQuery() throws {
        let ledger = try TestLedger()
        let shell = try Self.shell(ledger)
        try shell.expect("adledger> ")
        try shell.send("SELECT 1 +\r")
        try shell.expect("...> ")
        try shell.send("\u{03}")
        try shell.expect("^C\r\nadledger> ")  // back to the main prompt: the half statement is gone
        try shell.send(
            "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 1000000000) SELECT count(*) FROM c;\r"
        )
        try shell.expect("FROM c;\r\n")  // readline has handed the line over
        let started = ContinuousClock.now
        try shell.send("\u{03}")
        try shell.expect("Error: interrupted")
        #expect(ContinuousClock.now - started < .seconds(10))
        try shell.expect("adledger> ")
        try shell.send("SELECT 'still here';\r")
        try shell.expect("(1 row)")
        try shell.expect("adledger> ")
        try shell.send("\u{04}")
        #expect(try shell.waitForExit() == 0)
    }

    @Test func historyPersistsAcrossRuns() throws {
        let ledger = try TestLedger()
        let history = ledger.file("shell_history")
        do {
            let first = try Self.shell(ledger, history: history)
            try first.expect("adledger> ")
            try first.send("SELECT 6 * 7\r")
            try first.expect("...> ")
            try first.send("  AS answer;\r")
            try first.expect("(1 row)")
            try first.expect("adledger> ")
            try first.send("\u{04}")
            #expect(try first.waitForExit() == 0)
        }
        let saved = try String(contentsOfFile: history, encoding: .utf8)
        #expect(saved.contains("SELECT 6 * 7   AS answer;"))
        let second = try Self.shell(ledger, history: history)
        try second.expect("adledger> ")
        try second.send("\u{1B}[A")  // Up: the last statement comes back
        try second.expect("AS answer;")
        try second.send("\r")
        let output = try second.expect("(1 row)")
        #expect(output.contains("answer\r\n------\r\n    42"))
        try second.expect("adledger> ")
        try second.send("\u{04}")
        #expect(try second.waitForExit() == 0)
    }

    @Test func tallResultsGoThroughThePagerAndWideOnesFitTheScreen() throws {
        let ledger = try TestLedger()
        let shell = try Self.shell(ledger, pager: "sed 's/^/PAGED: /'")
        try shell.expect("adledger> ")
        let tall = "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 50) SELECT x FROM c;\r"
        try shell.send(tall)
        #expect(try shell.expect("PAGED: (50 rows)").contains("PAGED: 50\r\n"))
        try shell.expect("adledger> ")
        try shell.send("SELECT 'short';\r")  // shorter than the screen: printed directly
        #expect(!(try shell.expect("(1 row)")).contains("PAGED"))
        try shell.expect("adledger> ")
        try shell.send(".pager off\r")
        try shell.expect("adledger> ")
        try shell.send(tall)
        #expect(!(try shell.expect("(50 rows)")).contains("PAGED"))
        try shell.expect("adledger> ")
        try shell.send(".events\r")  // payloads are far wider than the 100-column terminal
        let events = try shell.expect("(8 rows)")
        let lines = events.split(separator: "\r\n").dropFirst()  // the first is the echoed command
        #expect(lines.allSatisfy { DisplayWidth.of(String($0)) <= 100 })
        #expect(events.contains("…"))
        try shell.expect("adledger> ")
        try shell.send("\u{04}")
        #expect(try shell.waitForExit() == 0)
    }
}
