import Foundation
import Ledger
import Sync

// Benchmarks: print numbers, assert nothing.
//   swift run -c release adledger-bench [ROWS]     the ledger (issue 3)
//   swift run -c release adledger-bench sync [LATENCY] [CONCURRENCY]  sync against the loopback stand-in (issue 13)
//   swift run -c release adledger-bench match [N]  suggestions for N ads × N creatives, auto, report (issue 5)
//   swift run -c release adledger-bench shell [N]  query and shell -c vs sqlite3: start-up, N rows per mode (issues 6, 12)
//   swift run -c release adledger-bench report [FILE]  report and drift over a year of 5,000 ads (issue 15)
//   adledger-bench render FORMAT LEDGER            the shell bench's query rendered in-process, for callgrind
// Generates ROWS realistic insight rows (ads × days, the shape of Fixtures/graph-samples/), then measures
// ingest, re-ingest of unchanged rows, rebuild, verify, peak RSS, a bare SQLite insert loop as the floor, and
// export events (plain and gzip).

let arguments = CommandLine.arguments.dropFirst()
if arguments.first == "shell" {
    try ShellBenchmark.run(Array(arguments.dropFirst()))
    exit(0)
}
if arguments.first == "render" {
    try ShellBenchmark.render(Array(arguments.dropFirst()))
    exit(0)
}
if arguments.first == "match" {
    try MatchBenchmark.run(Array(arguments.dropFirst()))
    exit(0)
}
if arguments.first == "report" {
    try ReportBenchmark.run(Array(arguments.dropFirst()))
    exit(0)
}
if arguments.first == "sync" {
    try SyncBenchmark.run(Array(arguments.dropFirst()))
    exit(0)
}
let rowCount = arguments.first.flatMap { Int($0) } ?? 200_000
let days = 30
let ads = max(1, rowCount / days)
let directory = FileManager.default.temporaryDirectory.appendingPathComponent("adledger-bench-\(getpid())")
try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
defer { try? FileManager.default.removeItem(at: directory) }

func peakRSSMegabytes() -> Double {
    guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
        let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
        let kb = Double(line.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first ?? "")
    else { return 0 }
    return kb / 1024
}

/// The ledger's size in bytes once its WAL is folded in (pages in use × page size).
func fileSize(_ path: String) -> Int {
    guard let connection = try? Connection(path: path, mode: .readWrite) else { return 0 }
    try? connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    let pages = (try? connection.scalar("PRAGMA page_count"))??.integer ?? 0
    let free = (try? connection.scalar("PRAGMA freelist_count"))??.integer ?? 0
    let size = (try? connection.scalar("PRAGMA page_size"))??.integer ?? 0
    return Int((pages - free) * size)
}

func timed<T>(_ body: () throws -> T) rethrows -> (T, Double) {
    let start = DispatchTime.now().uptimeNanoseconds
    let value = try body()
    return (value, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
}

/// One Meta-shaped daily ad row (strings for numbers, action arrays with window keys).
func row(ad: Int, day: Int) -> String {
    let seed = UInt64(ad &* 7919 &+ day &* 104_729)
    let impressions = 500 + Int(seed % 9000)
    let clicks = 5 + Int(seed % 180)
    let spend = Double(impressions) / 1000 * (6 + Double(seed % 12))
    let purchases = Int(seed % 7)
    let date = String(format: "2025-%02d-%02d", 1 + day / 28, 1 + day % 28)
    return """
        {"account_id":"\(1_000_000_001 + ad % 3)","account_currency":"USD","account_name":"Bench \(ad % 3)",\
        "campaign_id":"238\(ad / 50)","campaign_name":"Campaign \(ad / 50)","adset_id":"239\(ad / 10)",\
        "adset_name":"Adset \(ad / 10)","ad_id":"2385\(String(format: "%08d", ad))",\
        "ad_name":"WP | C\(ad % 5) | \(String(format: "%08x", ad &* 2_654_435_761 & 0xFFFF_FFFF))-WP-C\(ad % 5)-SQ.png",\
        "date_start":"\(date)","date_stop":"\(date)","impressions":"\(impressions)","reach":"\(impressions * 4 / 5)",\
        "frequency":"1.250000","clicks":"\(clicks)","spend":"\(String(format: "%.2f", spend))",\
        "cpm":"\(String(format: "%.6f", spend / Double(impressions) * 1000))","ctr":"\(String(format: "%.6f", Double(clicks) / Double(impressions) * 100))",\
        "outbound_clicks":[{"action_type":"outbound_click","value":"\(clicks - 2)"}],\
        "outbound_clicks_ctr":[{"action_type":"outbound_click","value":"1.100000"}],\
        "cost_per_outbound_click":[{"action_type":"outbound_click","value":"0.870000"}],\
        "actions":[{"action_type":"link_click","value":"\(clicks - 2)","7d_click":"\(clicks - 2)","1d_view":"0"},\
        {"action_type":"page_engagement","value":"\(clicks + 3)","7d_click":"\(clicks + 3)"},\
        {"action_type":"add_to_cart","value":"\(purchases + 2)","7d_click":"\(purchases + 2)"},\
        {"action_type":"omni_purchase","value":"\(purchases)","7d_click":"\(purchases)"},\
        {"action_type":"purchase","value":"\(purchases)","7d_click":"\(purchases)"}],\
        "action_values":[{"action_type":"omni_purchase","value":"\(purchases * 41).50"},{"action_type":"purchase","value":"\(purchases * 41).50"}],\
        "cost_per_action_type":[{"action_type":"add_to_cart","value":"3.210000"}],\
        "purchase_roas":[{"action_type":"omni_purchase","value":"2.310000"}],\
        "video_play_actions":[{"action_type":"video_view","value":"\(impressions / 3)"}],\
        "video_p25_watched_actions":[{"action_type":"video_view","value":"\(impressions / 5)"}],\
        "video_p100_watched_actions":[{"action_type":"video_view","value":"\(impressions / 20)"}]}
        """
}

let input = directory.appendingPathComponent("rows.jsonl").path
_ = FileManager.default.createFile(atPath: input, contents: nil)
let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: input))
var chunk = ""
var total = 0
for ad in 0..<ads {
    for day in 0..<days where total < rowCount {
        chunk += row(ad: ad, day: day) + "\n"
        total += 1
        if chunk.utf8.count > 1 << 20 {
            handle.write(Data(chunk.utf8))
            chunk = ""
        }
    }
}
handle.write(Data(chunk.utf8))
try handle.close()
let inputBytes = (try? FileManager.default.attributesOfItem(atPath: input)[.size] as? Int) ?? 0
print("rows: \(total) (\(ads) ads × \(days) days), input \(inputBytes / total) bytes/row")

let path = directory.appendingPathComponent("bench.sqlite").path
let ledger = try Ledger(path: path)
let (first, ingestSeconds) = try timed { try ledger.ingest(files: [input], account: nil) }
print(String(format: "ingest:    %8.0f rows/s  (%.2f s, %d new)", Double(total) / ingestSeconds, ingestSeconds, first.counts.new))
let sizeAfterIngest = fileSize(path)
print(String(format: "ledger:    %.1f MB (%.0f bytes/row)", Double(sizeAfterIngest) / 1e6, Double(sizeAfterIngest) / Double(total)))

let (again, reingestSeconds) = try timed { try ledger.ingest(files: [input], account: nil) }
let added = fileSize(path) - sizeAfterIngest
print(String(format: "re-ingest: %8.0f rows/s  (%.2f s, %d unchanged), %d bytes added = %.3f bytes/row",
    Double(total) / reingestSeconds, reingestSeconds, again.counts.unchanged, added, Double(added) / Double(total)))

let (report, rebuildSeconds) = try timed { try ledger.rebuild(dryRun: false) }
print(String(format: "rebuild:   %8.0f events/s (%.2f s, %lld events)", Double(report.events) / rebuildSeconds, rebuildSeconds, report.events))
let reader = try Ledger(path: path, readOnly: true)
let (verify, verifySeconds) = try timed { try reader.verify() }
print(String(format: "verify:    %8.0f events/s (%.2f s, ok: %@)", Double(verify.events) / verifySeconds, verifySeconds, verify.ok ? "yes" : "NO"))

print(String(format: "peak RSS after ingest, re-ingest, rebuild, verify: %.0f MB", peakRSSMegabytes()))

// The floor: the same canonical payloads inserted with a bare prepared-statement loop, one transaction.
let floorPath = directory.appendingPathComponent("floor.sqlite").path
let (floorRows, floorSeconds) = try timed { try BareInsert.run(input: input, into: floorPath) }
print(String(format: "floor:     %8.0f rows/s  (bare SQLite insert of the same rows, %.2f s)", Double(floorRows) / floorSeconds, floorSeconds))
print(String(format: "peak RSS with the floor: %.0f MB", peakRSSMegabytes()))

// Export: every event as JSON lines to a file, plain and gzip (issue 16).
for gzip in [false, true] {
    var request = EventExportRequest()
    let output = directory.appendingPathComponent("events.ndjson\(gzip ? ".gz" : "")").path
    request.destination = .file(output)
    request.gzip = gzip
    let (summary, exportSeconds) = try timed { try reader.exportEvents(request) }
    let size = (try? FileManager.default.attributesOfItem(atPath: output)[.size] as? Int) ?? 0
    print(String(format: "export%@: %8.0f events/s (%.2f s, %d events), %.0f bytes/event on disk",
        gzip ? " gz" : "   ", Double(summary.events) / exportSeconds, exportSeconds, summary.events,
        Double(size) / Double(max(1, summary.events))))
}
print(String(format: "peak RSS with the exports: %.0f MB", peakRSSMegabytes()))
