import Foundation
import Ledger
import Sync

// Benchmarks: print numbers, assert nothing.
//   swift run -c release adledger-bench [ROWS…] [keep]  the ledger at scale (issue 12)
//   swift run -c release adledger-bench sync [LATENCY] [CONCURRENCY]  sync against the loopback stand-in (issue 13)
//   swift run -c release adledger-bench match [N]  suggestions for N ads × N creatives, auto, report (issue 5)
//   swift run -c release adledger-bench shell [N]  query and shell -c vs sqlite3: start-up, N rows per mode (issues 6, 12)
//   swift run -c release adledger-bench report [FILE]  report and drift over a year of 5,000 ads (issue 15)
//   adledger-bench render FORMAT LEDGER            the shell bench's query rendered in-process, for callgrind
//   adledger-bench normalize DIRECTORY [PASSES]    the normalizer alone, on one core, over saved pages (a kept bench's)
//   adledger-bench ingest LEDGER FILE…             an ingest alone, in-process, for callgrind (its instruction count)
// For each ROWS (default 200000 and 1000000), generates realistic insight rows (ads × days, the shape of
// Fixtures/graph-samples/) in saved-response files of 5,000, then measures bytes per version all-in, ingest against
// two floors measured in the same run (the sqlite3 shell recipe of issue 12, and a bare insert loop), re-ingest of
// unchanged rows, rebuild, verify and peak RSS per phase.

let arguments = CommandLine.arguments.dropFirst()
// As the adledger binary does (MallocArenas), so each phase's memory is what the command's would be.
MallocArenas.limit()
if arguments.first == "shell" {
    try ShellBenchmark.run(Array(arguments.dropFirst()))
    exit(0)
}
if arguments.first == "normalize" {
    try NormalizeBenchmark.run(Array(arguments.dropFirst()))
    exit(0)
}
if arguments.first == "ingest", arguments.count > 2 {
    MallocArenas.keepLargeBlocks()  // as `adledger ingest` does
    let ledger = try Ledger(path: arguments[arguments.startIndex + 1])
    let summary = try ledger.ingest(files: Array(arguments.dropFirst(2)), account: nil)
    print("\(summary.counts.rows) rows, \(summary.counts.new) new")
    exit(0)
}
if arguments.first == "render" {
    try ShellBenchmark.render(Array(arguments.dropFirst()))
    exit(0)
}
if arguments.first == "report" {
    try ReportBenchmark.run(Array(arguments.dropFirst()))
    exit(0)
}
if arguments.first == "match" {
    try MatchBenchmark.run(Array(arguments.dropFirst()))
    exit(0)
}
if arguments.first == "sync" {
    try SyncBenchmark.run(Array(arguments.dropFirst()))
    exit(0)
}
let sizes = arguments.compactMap { Int($0) }
for rows in sizes.isEmpty ? [200_000, 1_000_000] : sizes {
    try LedgerBenchmark.run(rows: rows, keep: arguments.contains("keep"))
}
