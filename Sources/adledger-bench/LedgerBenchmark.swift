import Foundation
import Ledger
import Sync

/// The ledger at scale (issue 12): ingest, re-ingest, rebuild and verify of `rows` generated insight rows.
enum LedgerBenchmark {
    static let days = 30
    static let rowsPerFile = 5_000

    /// - Parameter keep: leave the ledger and its inputs in the temp folder (for `dbstat`).
    static func run(rows rowCount: Int, keep: Bool = false) throws {
        let ads = max(1, rowCount / days)
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("adledger-bench-\(getpid())-\(rowCount)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { if keep { print("kept \(directory.path)") } else { try? FileManager.default.removeItem(at: directory) } }
        let (files, total, inputBytes) = try writeFiles(ads: ads, rows: rowCount, in: directory)
        print("== \(total) rows (\(ads) ads × \(days) days) in \(files.count) files of \(rowsPerFile), \(inputBytes / max(total, 1)) bytes/row of JSON")

        let path = directory.appendingPathComponent("bench.sqlite").path
        let ledger = try Ledger(path: path)
        // As `adledger ingest` runs (the floors below run with it too).
        MallocArenas.keepLargeBlocks()
        // Writing the input files leaves their text in the heap: let it go, so ingest's peak is its own.
        try startPhase(ledger)
        var cpu = CPUClock()
        let (first, ingestSeconds) = try timed { try ledger.ingest(files: files, account: nil) }
        let ingestCPU = cpu.lap()
        let ingestRate = Double(total) / ingestSeconds
        let ingestRSS = peakRSSMegabytes()
        let size = fileSize(path)
        let versions = first.counts.new + first.counts.changed

        let shellFloor = ShellFloor.run(files: files, rows: total, into: directory.appendingPathComponent("shell-floor.sqlite").path)
        let (floorRows, floorSeconds) = try timed {
            try BareInsert.run(files: files, into: directory.appendingPathComponent("floor.sqlite").path)
        }
        let bareRate = Double(floorRows) / floorSeconds

        try startPhase(ledger)
        cpu = CPUClock()
        let (again, reingestSeconds) = try timed { try ledger.ingest(files: files, account: nil) }
        let reingestCPU = cpu.lap()
        let added = fileSize(path) - size
        let reingestRSS = peakRSSMegabytes()

        try startPhase(ledger)
        cpu = CPUClock()
        let (report, rebuildSeconds) = try timed { try ledger.rebuild(dryRun: false) }
        let rebuildCPU = cpu.lap()
        let rebuildRSS = peakRSSMegabytes()
        try startPhase(ledger)
        cpu = CPUClock()
        let (dry, drySeconds) = try timed { try ledger.rebuild(dryRun: true) }
        let dryCPU = cpu.lap()
        try startPhase(ledger)
        let reader = try LedgerReader(path: path)
        cpu = CPUClock()
        let (verify, verifySeconds) = try timed { try reader.verify() }
        let verifyCPU = cpu.lap()
        let verifyRSS = peakRSSMegabytes()
        // A rebuild with something to change: one performance value drifted, so its row (and the summaries') is
        // patched in place (the rebuild above found nothing to change and kept the live tables).
        let patched = try rebuild(
            ledger, path: path, after: "UPDATE meta_ads_performance SET spend = spend + 1 WHERE rowid = 1")
        // A normalizer fix's case: every performance row differs, so every comparison walks its whole table and the
        // fresh tables are swapped in.
        let everyRow = try rebuild(ledger, path: path, after: "UPDATE meta_ads_performance SET spend = spend + 1")
        // As a user runs them: the CLI in a process of its own, measured from outside.
        let commands = try cliRows(path: path)

        print("| measure | \(total) rows |")
        print("|---|---|")
        print(String(format: "| bytes per version, all-in | %.0f B (%.1f MB / %d versions) |", Double(size) / Double(max(versions, 1)), Double(size) / 1e6, versions))
        if let shellFloor {
            print(String(format: "| ingest | %.0f rows/s (%.1f s, %.1f s CPU) = %.2f× the sqlite3-shell floor (%.0f rows/s), %.2f× the bare-insert floor (%.0f rows/s) |",
                ingestRate, ingestSeconds, ingestCPU, ingestRate / shellFloor.rowsPerSecond, shellFloor.rowsPerSecond, ingestRate / bareRate, bareRate))
        } else {
            print(String(format: "| ingest | %.0f rows/s (%.1f s, %.1f s CPU) = %.2f× the bare-insert floor (%.0f rows/s); no sqlite3 with sha3 for the shell floor |",
                ingestRate, ingestSeconds, ingestCPU, ingestRate / bareRate, bareRate))
        }
        print(String(format: "| re-ingest, unchanged | %.0f rows/s (%.1f s CPU), %d unchanged, %d bytes added |", Double(total) / reingestSeconds, reingestCPU, again.counts.unchanged, added))
        print(String(format: "| rebuild (nothing to change: live tables kept) | %.0f events/s (%.1f s, %.1f s CPU, %lld events) |", Double(report.events) / rebuildSeconds, rebuildSeconds, rebuildCPU, report.events))
        print(String(format: "| rebuild, one value drifted (patched in place) | %.0f events/s (%.1f s, %.1f s CPU, changed: %@, file +%.1f MB), peak RSS %.0f MB |", Double(patched.report.events) / patched.seconds, patched.seconds, patched.cpu, patched.report.changed ? "yes" : "NO", Double(patched.growth) / 1e6, patched.peakRSS))
        let changedRows = everyRow.report.diffs.first { $0.table == "meta_ads_performance" }?.changed ?? 0
        print(String(format: "| rebuild, every row changed (fresh tables swapped in) | %.0f events/s (%.1f s, %.1f s CPU, %d rows changed, file +%.1f MB), peak RSS %.0f MB |", Double(everyRow.report.events) / everyRow.seconds, everyRow.seconds, everyRow.cpu, changedRows, Double(everyRow.growth) / 1e6, everyRow.peakRSS))
        print(String(format: "| rebuild --dry-run | %.0f events/s (%.1f s, %.1f s CPU, changed: %@) |", Double(dry.events) / drySeconds, drySeconds, dryCPU, dry.changed ? "YES" : "no"))
        print(String(format: "| verify | %.0f events/s (%.1f s, %.1f s CPU, ok: %@) |", Double(verify.events) / verifySeconds, verifySeconds, verifyCPU, verify.ok ? "yes" : "NO"))
        print(String(format: "| peak RSS: ingest / re-ingest / rebuild / verify | %.0f / %.0f / %.0f / %.0f MB |", ingestRSS, reingestRSS, rebuildRSS, verifyRSS))
        for row in commands { print(row) }
        for gzip in [false, true] { try exportRow(reader, into: directory, gzip: gzip) }
        print(try takingTurns(files: files, rows: total, in: directory, first: (ingestRate, bareRate)))
    }

    /// Ingest and the bare-insert floor run `rounds` more times, taking turns (each ingest into a ledger of its
    /// own, removed after), as a row: the host's speed drifts within one run by more than the margin between the
    /// two (the first ingest and the floor measured minutes apart), so this compares the medians of the runs, the
    /// first two included. Five of each: with three, one slow turn of either moved the ratio by a tenth.
    static func takingTurns(
        files: [String], rows: Int, in directory: URL, first: (ingest: Double, floor: Double), rounds: Int = 4
    ) throws -> String {
        var (ingest, floor) = ([first.ingest], [first.floor])
        for round in 0..<rounds {
            let scratch = directory.appendingPathComponent("turn-\(round).sqlite").path
            do {
                let ledger = try Ledger(path: scratch)
                let (_, seconds) = try timed { try ledger.ingest(files: files, account: nil) }
                ingest.append(Double(rows) / seconds)
            }
            let floorPath = directory.appendingPathComponent("turn-floor-\(round).sqlite").path
            let (floorRows, floorSeconds) = try timed { try BareInsert.run(files: files, into: floorPath) }
            floor.append(Double(floorRows) / floorSeconds)
            for path in [scratch, floorPath] {
                for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
            }
        }
        func median(_ values: [Double]) -> Double { values.sorted()[values.count / 2] }
        func list(_ values: [Double]) -> String { values.map { String(format: "%.0f", $0) }.joined(separator: ", ") }
        return String(
            format: "| ingest and the bare-insert floor taking turns | median %.0f rows/s (%@) = %.2f× the median floor, %.0f rows/s (%@) |",
            median(ingest), list(ingest), median(ingest) / median(floor), median(floor), list(floor))
    }

    /// A rebuild after `drift` (SQL run on the live tables): its report, wall and CPU seconds, peak RSS, and how many
    /// bytes the file grew by.
    static func rebuild(_ ledger: Ledger, path: String, after drift: String) throws
        -> (report: RebuildReport, seconds: Double, cpu: Double, peakRSS: Double, growth: Int)
    {
        try Connection(path: path, mode: .readWrite).execute(drift)
        let size = fileSize(path)
        try startPhase(ledger)
        var cpu = CPUClock()
        let (report, seconds) = try timed { try ledger.rebuild(dryRun: false) }
        let cpuSeconds = cpu.lap()
        let peak = peakRSSMegabytes()
        return (report, seconds, cpuSeconds, peak, fileSize(path) - size)
    }

    /// `adledger rebuild --dry-run` and `adledger verify` on the ledger, each in a process of its own (`Spawn`): wall,
    /// CPU and peak RSS as a user's shell would see them. None when no `adledger` binary is beside this one.
    static func cliRows(path: String) throws -> [String] {
        guard Spawn.canRun("adledger") else {
            return ["| CLI runs | skipped: no adledger and adledger-spawn beside adledger-bench (make release builds them) |"]
        }
        let adledger = Spawn.beside("adledger")
        return try [["rebuild", "--dry-run"], ["verify"]].map { command in
            let run = try Spawn.measure([adledger, "--db", path] + command)
            return String(format: "| adledger %@ (own process) | %.1f s, %.1f s CPU, peak RSS %.0f MB |",
                command.joined(separator: " "), run.seconds, run.cpu, run.peakMegabytes)
        }
    }

    /// `export events` of the whole log to a file, plain or gzip (issue 16): events/s and bytes per event.
    static func exportRow(_ reader: LedgerReader, into directory: URL, gzip: Bool) throws {
        var request = EventExportRequest()
        let output = directory.appendingPathComponent("events.ndjson\(gzip ? ".gz" : "")").path
        request.destination = .file(output)
        request.gzip = gzip
        let (summary, seconds) = try timed { try reader.exportEvents(request) }
        let size = (try? FileManager.default.attributesOfItem(atPath: output)[.size] as? Int) ?? 0
        print(String(format: "| export events%@ | %.0f events/s (%.2f s, %d events), %.0f bytes/event on disk |",
            gzip ? " --gzip" : "", Double(summary.events) / seconds, seconds, summary.events,
            Double(size) / Double(max(1, summary.events))))
    }

    /// Saved Graph responses (`{"data": [...]}`) of `rowsPerFile` rows each.
    static func writeFiles(ads: Int, rows: Int, in directory: URL) throws -> ([String], Int, Int) {
        var files: [String] = []
        var pending: [String] = []
        var total = 0
        var bytes = 0
        func flush() throws {
            guard !pending.isEmpty else { return }
            let path = directory.appendingPathComponent(String(format: "page-%05d.json", files.count)).path
            let text = "{\"data\":[\(pending.joined(separator: ","))]}"
            try text.write(toFile: path, atomically: false, encoding: .utf8)
            bytes += text.utf8.count
            files.append(path)
            pending.removeAll(keepingCapacity: true)
        }
        for ad in 0..<ads {
            for day in 0..<days where total < rows {
                pending.append(benchRow(ad: ad, day: day))
                total += 1
                if pending.count == rowsPerFile { try flush() }
            }
        }
        try flush()
        return (files, total, bytes)
    }

    static func timed<T>(_ body: () throws -> T) rethrows -> (T, Double) {
        let start = DispatchTime.now().uptimeNanoseconds
        let value = try body()
        return (value, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
    }

    /// Starts a new peak-RSS window (Linux: writing 5 to clear_refs resets VmHWM).
    /// Before a phase: what a fresh process running the phase's command would not hold is let go (the writer's
    /// page cache, the heap's free pages), then the peak is reset, so each phase's peak RSS is its own.
    static func startPhase(_ writer: Ledger) throws {
        try writer.releaseCache()
        MallocArenas.returnFreePages()
        resetPeakRSS()
    }

    static func resetPeakRSS() { try? "5".write(toFile: "/proc/self/clear_refs", atomically: false, encoding: .utf8) }

    static func peakRSSMegabytes() -> Double {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
            let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
            let kb = Double(line.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first ?? "")
        else { return 0 }
        return kb / 1024
    }

    /// The ledger file's size once its WAL is folded in: what a copy of the file would take.
    static func fileSize(_ path: String) -> Int {
        guard let connection = try? Connection(path: path, mode: .readWrite) else { return 0 }
        try? connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        let pages = (try? connection.scalar("PRAGMA page_count"))??.integer ?? 0
        let size = (try? connection.scalar("PRAGMA page_size"))??.integer ?? 0
        return Int(pages * size)
    }
}
