import Foundation
import TestSupport
import Testing

/// Bugs the reliability campaign found, each pinned by a deterministic test.
@Suite struct RegressionTests {
    static let token = "EAArelTOKENregression0123456789"

    /// A sync killed after committing a page leaves `match_suggestions` stale (it is refreshed only when the
    /// sync finishes); `verify` must not report that as damage.
    @Test func verifyPassesAfterASyncKilledMidway() throws {
        let server = GraphStandIn(token: Self.token, accounts: [StandInAccount(id: "4001", name: "Kill", adCount: 150, dayCount: 7)])
        try server.start()
        defer { server.stop() }
        server.inject(.hang(seconds: 60), on: .nextPage("insights"), times: 10)
        let adledger = try BuiltBinary("adledger")
        let directory = try BuiltBinary.scratch()
        defer { try? FileManager.default.removeItem(at: directory) }
        let environment = [
            "META_GRAPH_API_TOKEN": Self.token, "META_GRAPH_BASE_URL": server.baseURL, "ADLEDGER_NOW": "2025-12-08T12:00:00Z",
        ]
        let sync = try adledger.start(
            ["--db", "l.sqlite", "sync", "--timeout", "120", "--account", "act_4001", "--since", "2025-12-01", "--until", "2025-12-07"], in: directory,
            environment: environment)
        // Wait until the first page is committed (the second page hangs), then SIGKILL.
        var committed = "0"
        let deadline = Date().addingTimeInterval(60)
        while committed == "0" && Date() < deadline {
            usleep(100_000)
            let count = try adledger.run(
                ["--db", "l.sqlite", "query", "SELECT count(*) AS n FROM events WHERE kind = 'insight.fetched'", "--format", "csv"],
                in: directory)
            committed = count.stdout.split(separator: "\n").dropFirst().first.map(String.init) ?? "0"
        }
        kill(sync.0.processIdentifier, SIGKILL)
        _ = BuiltBinary.finish(sync, timeout: 10)
        try #require(committed != "0", "no page was committed before the kill")
        let verify = try adledger.run(["--db", "l.sqlite", "verify"], in: directory)
        #expect(verify.status == 0, "\(verify.stderr)")
    }

    /// An empty file (a ledger whose creation was interrupted, or `touch`ed) is not "another program's database".
    @Test func anEmptyFileIsNotCalledAForeignDatabase() throws {
        let adledger = try BuiltBinary("adledger")
        let directory = try BuiltBinary.scratch()
        defer { try? FileManager.default.removeItem(at: directory) }
        _ = FileManager.default.createFile(atPath: directory.appendingPathComponent("l.sqlite").path, contents: Data())
        let verify = try adledger.run(["--db", "l.sqlite", "verify"], in: directory)
        #expect(!verify.signaled)
        #expect(!verify.stderr.contains("another program"), "\(verify.stderr)")
        #expect(verify.status == 0 || verify.stderr.contains("init"), "\(verify.stderr)")
    }

    /// A ledger a user cannot write, beside a `-wal` but without its `-shm`, in a directory the user cannot write:
    /// SQLite cannot open it (SQLITE_CANTOPEN). The error must say why, not pass on "SQLite error 14".
    @Test(.enabled(if: getuid() == 0 && FileManager.default.isExecutableFile(atPath: "/usr/bin/setpriv")))
    func aLedgerThatCannotBeOpenedGetsAClearError() throws {
        let adledger = try BuiltBinary("adledger")
        let directory = try BuiltBinary.scratch()
        defer { try? FileManager.default.removeItem(at: directory) }
        chmod(directory.path, 0o755)
        #expect(try adledger.run(["--db", "l.sqlite", "init"], in: directory).status == 0)
        let path = directory.appendingPathComponent("l.sqlite").path
        _ = FileManager.default.createFile(atPath: path + "-wal", contents: Data())
        chmod(path, 0o444)
        let nobody = ["/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"]
        for command in [["status"], ["ingest", "/dev/null"]] {
            let result = try adledger.run(["--db", path] + command, in: directory, via: nobody)
            #expect(result.status == 1)
            #expect(!result.stderr.contains("SQLite error 14"), "\(command): \(result.stderr)")
            let text = result.stderr.lowercased()
            #expect(text.contains("read-only") || text.contains("permission") || text.contains("cannot open"), "\(result.stderr)")
        }
    }

    /// A Graph response saved on one line (as the Graph API Explorer does) is read in linear time: the line
    /// reader used to rescan the whole buffered line for a newline after every 1 MB read (quadratic), so
    /// 8× the bytes took about 20× the time (a 32 MB line over 30 s in a debug build).
    @Test(.timeLimit(.minutes(3)))
    func aHugeOneLineResponseIngestsInLinearTime() throws {
        let adledger = try BuiltBinary("adledger")
        let directory = try BuiltBinary.scratch()
        defer { try? FileManager.default.removeItem(at: directory) }
        let row = "{\"account_id\":\"5001\",\"ad_id\":\"2385001\",\"ad_name\":\"x\",\"date_start\":\"2025-12-01\",\"date_stop\":\"2025-12-01\",\"spend\":\"1.00\"}"
        var seconds: [Double] = []
        for megabytes in [4, 32] {
            var bytes = [UInt8](repeating: UInt8(ascii: " "), count: megabytes << 20)
            bytes += Array("{\"data\":[\(row)]}".utf8)
            let file = directory.appendingPathComponent("page-\(megabytes).json")
            try Data(bytes).write(to: file)
            let result = try adledger.run(
                ["--db", "l.sqlite", "ingest", file.path, "--account", "act_5001"], in: directory, timeout: 150)
            #expect(result.status == 0, "\(result.stderr)")
            seconds.append(result.seconds)
        }
        #expect(seconds[1] < seconds[0] * 12, "4 MB on one line took \(seconds[0]) s, 32 MB took \(seconds[1]) s")
    }
}
