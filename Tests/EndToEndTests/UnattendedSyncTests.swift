import Foundation
import TestSupport
import Testing

/// `sync` run by cron or a systemd timer: exit codes, `--quiet`, and one sync per ledger at a time.
@Suite struct UnattendedSyncTests {
    let sync = SyncCommandTests()

    func binary(_ server: GraphStandIn) throws -> AdledgerBinary {
        var bin = try AdledgerBinary()
        bin.environment.merge(sync.environment(server)) { $1 }
        return bin
    }

    let twoAccounts = [
        "--db", "l.sqlite", "sync", "--timeout", "2", "--account", "act_1001", "--account", "act_1002", "--since",
        "2025-12-01",
    ]

    /// The fault injected on act_1002's insights, and the exit status it gives.
    @Test(
        arguments: [
            (nil, 0),
            (StandInFault.serverError(status: 500), 3),
            (.connectionReset, 3),
            (.tokenError(subcode: 463), 4),
            (.permission(code: 200), 4),
        ] as [(StandInFault?, Int32)])
    func exitCodesTellWhatToDo(fault: StandInFault?, status: Int32) throws {
        let server = try sync.standIn()
        defer { server.stop() }
        if let fault { server.inject(fault, on: .path("act_1002/insights"), times: 1_000) }
        let bin = try binary(server)
        let result = try bin.run(twoAccounts + ["--json"])
        #expect(result.status == status, "\(result.stderr)")
        let summary = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let accounts = try #require(summary["accounts"] as? [[String: Any]])
        // The other account synced whatever happened to act_1002.
        let us = try #require(accounts.first { $0["account_id"] as? String == "act_1001" })
        #expect(us["error"] == nil)
        let jp = try #require(accounts.first { $0["account_id"] as? String == "act_1002" })
        #expect((jp["error"] != nil) == (fault != nil))
        #expect(jp["stopping_error"] as? Bool == (status == 4))
        if fault != nil {
            // The log line as the account stopped, then one line naming each failed account.
            let last = result.stderr.split(separator: "\n").last ?? ""
            #expect(
                last.hasPrefix("Error: act_1002: ") && last.hasSuffix("run the same sync again to resume"),
                "\(result.stderr)")
        }
    }

    @Test func quietPrintsOnlyProblems() throws {
        let server = try sync.standIn()
        defer { server.stop() }
        let bin = try binary(server)
        let ok = try bin.run(twoAccounts + ["--quiet"])
        #expect(ok.status == 0, "\(ok.stderr)")
        #expect(ok.stdout.isEmpty && ok.stderr.isEmpty, "\(ok.stdout)\(ok.stderr)")
        #expect(
            try bin.run(["--db", "l.sqlite", "events", "--kind", "sync.finished", "--format", "csv"]).stdout.contains(
                "ok"))

        server.inject(.tokenError(subcode: 463), on: .any, times: 1_000)
        let failed = try bin.run(twoAccounts + ["--quiet"])
        #expect(failed.status == 4)
        #expect(failed.stdout.isEmpty, "\(failed.stdout)")
        #expect(failed.stderr.contains("act_1001: ") && failed.stderr.contains("act_1002: "), "\(failed.stderr)")
        #expect(failed.stderr.lowercased().contains("expired"), "\(failed.stderr)")
        #expect(!failed.stderr.contains(SyncCommandTests.token))
        let both = try bin.run(twoAccounts + ["--quiet", "--json"])
        #expect(both.stderr.contains("use --json or --quiet, not both"))
    }

    /// Waits until the stand-in has seen a request, so the sync that sent it holds the lock.
    func waitForFirstRequest(_ server: GraphStandIn, after count: Int) throws {
        let deadline = Date().addingTimeInterval(30)
        while server.requestCount <= count {
            try #require(Date() < deadline, "the first sync sent no request")
            Thread.sleep(forTimeInterval: 0.02)
        }
    }

    @Test func aSecondSyncWaitsForTheFirstOrExitsBusy() throws {
        let server = try sync.standIn()
        defer { server.stop() }
        server.setLatency(0.4)  // each answer takes 0.4 s: the first sync holds the lock for seconds
        let bin = try binary(server)
        let oneAccount = [
            "--db", "l.sqlite", "sync", "--timeout", "5", "--account", "act_1001", "--since", "2025-12-01",
        ]

        let first = try bin.start(oneAccount, label: "first")
        try waitForFirstRequest(server, after: 0)
        let busy = try bin.run(oneAccount + ["--wait", "0"])
        #expect(busy.status == 5, "\(busy.stderr)")
        #expect(busy.stdout.isEmpty)
        #expect(
            busy.stderr.contains("another sync of this ledger is running (pid \(first.processIdentifier))"),
            "\(busy.stderr)")
        #expect(first.isRunning, "the first sync ended before the second was refused; the test proves nothing")

        // With a long enough --wait the second runs once the first is done, never beside it.
        let waited = try bin.run(oneAccount + ["--wait", "120"])
        first.waitUntilExit()
        #expect(first.terminationStatus == 0, "\(bin.errors("first"))")
        #expect(waited.status == 0, "\(waited.stderr)")
        let order = try bin.run([
            "--db", "l.sqlite", "query",
            "SELECT kind FROM events WHERE kind IN ('sync.started', 'sync.finished') ORDER BY seq", "--format", "csv",
        ])
        #expect(order.stdout == "kind\nsync.started\nsync.finished\nsync.started\nsync.finished\n")

        // The lock dies with its process: after a SIGKILL the next sync starts at once.
        let killed = try bin.start(oneAccount, label: "killed")
        try waitForFirstRequest(server, after: server.requestCount)
        kill(killed.processIdentifier, SIGKILL)
        killed.waitUntilExit()
        server.setLatency(0)
        let after = try bin.run(oneAccount + ["--wait", "0"])
        #expect(after.status == 0, "\(after.stderr)")
    }
}
