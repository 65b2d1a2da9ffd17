import Foundation
import TestSupport

/// Sync against the loopback stand-in with Meta-like latency (issue 13): 1 account, 48 ads × 35 days (1,680
/// rows, the size of the 1,689), pages of 25, LATENCY seconds (default 0.3) added to every response,
/// `--concurrency CONCURRENCY` (default: the sync's). Runs the built `adledger` binary (beside this one) as a
/// child, so its peak RSS and CPU are the sync's alone. Prints wall, requests vs the minimum, CPU, peak RSS.
enum SyncBenchmark {
    static func run(_ arguments: [String]) throws {
        let latency = arguments.first.flatMap(Double.init) ?? 0.3
        let concurrency = arguments.dropFirst().first.flatMap(Int.init)
        let token = "EAAbenchTOKEN0000000000"
        let (ads, days, pageSize) = (48, 35, 25)
        let account = StandInAccount(
            id: "9000000001", name: "Bench", adCount: ads, campaignCount: 4, firstDay: "2025-11-14", dayCount: days)
        let server = GraphStandIn(token: token, accounts: [account])
        try server.start()
        defer { server.stop() }
        server.setLatency(latency)
        server.setMaxPageSize(pageSize)
        let binary = Spawn.beside("adledger")
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("adledger-syncbench-\(getpid())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let rows = ads * days
        // The least any sync can ask: every row in pages of 25 as one range, the account object, the pages of
        // campaigns and ad sets (one per campaign), of ads and of ad creatives (one per ad: 48 need two pages of 25),
        // and the one debug_token check of the token's expiry.
        func pages(_ count: Int) -> Int { max((count + pageSize - 1) / pageSize, 1) }
        let minimum =
            pages(rows) + 1 + pages(account.campaignCount) * 2 + pages(ads) * 2 + 1
        print(
            "stand-in: 1 account × \(ads) ads × \(days) days = \(rows) rows, pages of \(pageSize), "
                + "\(Int(latency * 1000)) ms per response, concurrency \(concurrency.map(String.init) ?? "default")")
        var arguments = [
            binary, "--db", directory.appendingPathComponent("bench.sqlite").path, "sync", "--account",
            "act_\(account.id)", "--since", "2025-11-14", "--until", "2025-12-18",
        ]
        if let concurrency { arguments += ["--concurrency", String(concurrency)] }
        // ADLEDGER_BENCH_WRAPPER="/usr/bin/heaptrack -o /tmp/sync": run the child under a profiler (absolute path
        // first, its arguments after, split on spaces); wall, CPU and RSS are then the wrapper's.
        let wrapper = ProcessInfo.processInfo.environment["ADLEDGER_BENCH_WRAPPER"].map {
            $0.split(separator: " ").map(String.init)
        }
        let run = try Spawn.run(
            (wrapper ?? []) + arguments,
            environment: ["META_GRAPH_API_TOKEN": token, "META_GRAPH_BASE_URL": server.baseURL], showsOutput: true)
        let requests = server.requestCount
        print("requests by endpoint: " + breakdown(server.requests))
        print(
            String(
                format: "exit %d, wall %.2f s, %d requests (minimum %d, ratio %.3f), most in flight %d, CPU %.2f s, "
                    + "peak RSS %.1f MiB",
                run.status, run.seconds, requests, minimum, Double(requests) / Double(minimum),
                server.maxRequestsInFlight, run.cpu, run.peakMegabytes))
    }

    /// How many requests went to each endpoint (the path after the version, ids of accounts and jobs kept).
    static func breakdown(_ requests: [StandInRecordedRequest]) -> String {
        var counts: [String: Int] = [:]
        var order: [String] = []
        for request in requests {
            let endpoint = request.path.split(separator: "/").dropFirst().joined(separator: "/")
            if counts[endpoint] == nil { order.append(endpoint) }
            counts[endpoint, default: 0] += 1
        }
        return order.map { "\($0) \(counts[$0] ?? 0)" }.joined(separator: ", ")
    }
}
