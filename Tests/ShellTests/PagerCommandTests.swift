import Foundation
import Testing

@testable import Shell

/// Which pager the shell runs, and how: from the environment as git decides, and without a shell
/// when the command is plain words.
struct PagerCommandTests {
    @Test(
        arguments: [
            (["PAGER": "more"], "more"),
            (["PAGER": "less", "TERM": "dumb"], "less"),
            (["PAGER": ""], nil),
            (["PAGER": "  "], nil),
            (["TERM": "dumb"], nil),
            ([:], nil),
        ] as [([String: String], String?)])
    func pagerFromTheEnvironment(environment: [String: String], pager: String?) {
        #expect(ShellConfiguration.pagerCommand(environment: environment) == pager)
    }

    @Test func unsetPagerIsLessFRXWhenLessIsOnThePath() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("adledger-pager-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let withoutLess = directory.appendingPathComponent("empty")
        try FileManager.default.createDirectory(at: withoutLess, withIntermediateDirectories: true)
        let less = directory.appendingPathComponent("less").path
        #expect(FileManager.default.createFile(atPath: less, contents: Data("#!/bin/sh\n".utf8)))
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: less)

        let found = ["TERM": "xterm", "PATH": "\(withoutLess.path):\(directory.path)"]
        #expect(ShellConfiguration.pagerCommand(environment: found) == "less -FRX")
        #expect(ShellConfiguration.pagerCommand(environment: ["TERM": "xterm", "PATH": withoutLess.path]) == nil)
        #expect(ShellConfiguration.pagerCommand(environment: found.merging(["TERM": "dumb"]) { $1 }) == nil)
    }

    @Test(
        arguments: [
            ("less", ["less"]),
            ("less -FRX", ["less", "-FRX"]),
            ("  most\t-s ", ["most", "-s"]),
            ("less -R | cat", nil),
            ("sed 's/^/> /'", nil),
            ("$HOME/bin/pager", nil),
            ("~/bin/pager", nil),
            ("LESS=R less", nil),
        ] as [(String, [String]?)])
    func plainWordsRunWithoutAShell(command: String, words: [String]?) {
        #expect(Pager.words(of: command) == words)
    }
}
