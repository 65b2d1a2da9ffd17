import Foundation
import TestSupport

/// Sync against the loopback stand-in with latency: 3 accounts × 200 ads × 30 days by default. Runs the
/// built `adledger` binary (beside this one) as a child, so its peak RSS is the sync's alone.
enum SyncBenchmark {
    static func run(_ arguments: [String]) throws {
        let latency = arguments.first.flatMap(Double.init) ?? 0.1
        let token = "EAAbenchTOKEN0000000000"
        let accounts = (1...3).map {
            StandInAccount(
                id: "900000000\($0)", name: "Bench \($0)", currency: $0 == 2 ? "JPY" : "USD", adCount: 200,
                campaignCount: 4, firstDay: "2025-11-01", dayCount: 30)
        }
        let server = GraphStandIn(token: token, accounts: accounts)
        try server.start()
        defer { server.stop() }
        server.setLatency(latency)
        let binary = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("adledger")
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("adledger-syncbench-\(getpid())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let rows = accounts.count * 200 * 30
        let pageSize = 100
        // The least a sync can ask: every row page, plus the account object and one campaigns page per account.
        let minimum = accounts.count * (Int((Double(200 * 30) / Double(pageSize)).rounded(.up)) + 2)
        print("stand-in: \(accounts.count) accounts × 200 ads × 30 days = \(rows) rows, \(Int(latency * 1000)) ms latency per request")
        var times: [String: Double] = [:]
        for (label, concurrency) in [("parallel", 3), ("one at a time", 1)] {
            let before = server.requestCount
            let ledger = directory.appendingPathComponent("\(concurrency).sqlite").path
            var one: [String: Double] = [:]
            if concurrency == 3 {
                // Each account alone, to compare the parallel run with the slowest account.
                for account in accounts {
                    let (_, seconds, _) = try runSync(binary, ledger: directory.appendingPathComponent("alone-\(account.id).sqlite").path,
                        accounts: ["act_\(account.id)"], server: server, token: token, concurrency: 1)
                    one[account.id] = seconds
                }
            }
            let start = server.requestCount
            let (status, seconds, rss) = try runSync(binary, ledger: ledger, accounts: accounts.map { "act_\($0.id)" },
                server: server, token: token, concurrency: concurrency)
            let requests = server.requestCount - start
            times[label] = seconds
            print(String(format: "%@: exit %d, %.2f s, %.0f rows/s, %d requests (%.1f per 1,000 rows; minimum %d, ratio %.2f), peak RSS %.0f MB",
                label, status, seconds, Double(rows) / seconds, requests, Double(requests) / Double(rows) * 1000, minimum,
                Double(requests) / Double(minimum), rss))
            if !one.isEmpty {
                let slowest = one.values.max() ?? 0
                print(String(format: "  each account alone: %@ s; slowest %.2f s, sum %.2f s; parallel / slowest = %.2f",
                    one.keys.sorted().map { String(format: "%.2f", one[$0] ?? 0) }.joined(separator: ", "), slowest,
                    one.values.reduce(0, +), seconds / slowest))
            }
            _ = before
        }
    }

    /// Runs `adledger sync`, returning its exit status, wall seconds and peak RSS in MB (from wait4).
    static func runSync(_ binary: URL, ledger: String, accounts: [String], server: GraphStandIn, token: String, concurrency: Int)
        throws -> (Int32, Double, Double)
    {
        var arguments = [
            binary.path, "--db", ledger, "sync", "--since", "2025-11-01", "--until", "2025-11-30",
            "--concurrency", String(concurrency),
        ]
        for account in accounts { arguments += ["--account", account] }
        var environment = ProcessInfo.processInfo.environment
        environment["META_GRAPH_API_TOKEN"] = token
        environment["META_GRAPH_BASE_URL"] = server.baseURL
        let argv = arguments.map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        var pid: pid_t = 0
        let start = Date()
        let spawned = posix_spawn(&pid, binary.path, nil, nil, argv, envp)
        guard spawned == 0 else { throw CocoaError(.executableLoad) }
        var status: Int32 = 0
        var usage = rusage()
        _ = wait4(pid, &status, 0, &usage)
        let seconds = Date().timeIntervalSince(start)
        return ((status >> 8) & 0xFF, seconds, Double(usage.ru_maxrss) / 1024)
    }
}
