import Foundation
import TestSupport

/// A read-only ledger, a full disk, a truncated file, corrupted bytes, and a `-wal` left by a killed writer:
/// a clear error or a correct recovery, `verify` naming what is wrong, nothing committed lost, never a crash.
enum StorageFaults {
    static let name = "storage faults"

    static func run(_ campaign: Campaign) throws -> ScenarioResult {
        var random = campaign.random(name)
        var result = ScenarioResult(name: name, seed: campaign.options.seed)
        let world = try SyncWorld.standard(ads: 30, days: 14)
        let ws = try campaign.workspace("storage", environment: world.environment())
        let base = ws.path("base.sqlite")
        guard try ws.run(world.syncArguments(db: base)).ok else { throw CampaignError.setup("base sync failed") }
        guard try ws.verify(base).ok else { throw CampaignError.setup("base ledger does not verify") }
        let baseChain = try ws.chain(base)

        try readOnly(ws, world, base, baseChain, &result)
        try diskFull(ws, world, &result)
        try truncated(ws, base, baseChain, &result)
        try corrupted(ws, world, base, &random, campaign.options.trials(short: 12, full: 80), &result)
        try leftoverWAL(ws, world, &result)
        campaign.close(ws, &result)
        return result
    }

    /// A failure is clean when it is exit 1 (or 2 for verify), no signal, no hang, a last stderr line that says something.
    static func clean(_ outcome: RunResult) -> Bool {
        guard !outcome.signaled, !outcome.timedOut else { return false }
        if outcome.status == 0 { return true }
        let last = outcome.stderrLines.last.map(String.init) ?? ""
        // A raw SQLite error passed through is not a clear error: it names no fix.
        guard !last.hasPrefix("Error: SQLite error") else { return false }
        // 1: any command's error; 3, 4, 5: sync's documented exits (incomplete, stopping error, busy); 2: verify.
        let errorExit = [1, 3, 4, 5].contains(outcome.status) && last.hasPrefix("Error: ")
        return (errorExit || outcome.status == 2 && last.hasPrefix("verify: ")) && last.count > 20
    }

    static func copy(_ from: String, _ to: String, wal: Bool = true) throws {
        Campaign.removeLedger(to)
        try FileManager.default.copyItem(atPath: from, toPath: to)
        if wal, FileManager.default.fileExists(atPath: from + "-wal") { try FileManager.default.copyItem(atPath: from + "-wal", toPath: to + "-wal") }
    }

    @discardableResult
    static func shell(_ arguments: [String]) -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return -1 }
        process.waitUntilExit()
        return process.terminationStatus
    }

    // MARK: read-only

    static func readOnly(_ ws: Workspace, _ world: SyncWorld, _ base: String, _ baseChain: [String], _ result: inout ScenarioResult) throws {
        // (a) a 0444 file opened by an unprivileged user (root ignores permissions): in a directory the user may
        // write (SQLite can make its -shm), and in one it may not, with the crashed writer's -wal beside the file.
        chmod(ws.directory.path, 0o755)
        if FileManager.default.isExecutableFile(atPath: "/usr/bin/setpriv") {
            let nobody = ["--reuid=65534", "--regid=65534", "--clear-groups", ws.adledger.path]
            let setpriv = try Workspace(root: ws.directory, name: "as-nobody", adledger: URL(fileURLWithPath: "/usr/bin/setpriv"))
            setpriv.environment = ws.environment
            chmod(setpriv.directory.path, 0o777)
            let shared = setpriv.path("shared.sqlite")
            try copy(base, shared)
            chmod(shared, 0o444)
            let locked = ws.path("locked.sqlite")
            try copy(base, locked)
            _ = FileManager.default.createFile(atPath: locked + "-wal", contents: nil)
            chmod(locked, 0o444)
            for (place, file) in [("writable directory", shared), ("read-only directory, -wal present", locked)] {
                for (label, arguments) in [("sync", world.syncArguments(db: file)), ("ingest", ["--db", file, "ingest", "/dev/null"]),
                                           ("query", ["--db", file, "query", "SELECT count(*) FROM events", "--format", "csv"]),
                                           ("verify", ["--db", file, "verify"])] {
                    result.trials += 1
                    let outcome = try setpriv.run(nobody + arguments, timeout: 60)
                    ws.record(outcome)
                    result.check(clean(outcome), "read-only file (\(place)), \(label) as nobody: \(outcome.summary)")
                    if label == "sync" {
                        let text = outcome.stderr.lowercased()
                        result.check(!outcome.ok && (text.contains("read-only") || text.contains("permission")),
                                     "read-only file (\(place)), sync as nobody: no read-only error: \(outcome.summary)")
                    }
                }
            }
            result.check(try ws.chain(shared) == baseChain, "read-only file: the log changed")
            setpriv.finish(keep: false)
            Campaign.removeLedger(locked)
        } else {
            result.notes.append("setpriv missing: read-only file as a user not tried")
        }

        // (b) a read-only mount: even root cannot write.
        let source = ws.path("ro-src")
        let mount = ws.path("ro-mnt")
        try FileManager.default.createDirectory(atPath: source, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: mount, withIntermediateDirectories: true)
        try copy(base, source + "/l.sqlite")
        if shell(["mount", "--bind", source, mount]) == 0 {
            defer { shell(["umount", mount]) }
            if shell(["mount", "-o", "remount,bind,ro", mount]) == 0 {
                for (label, arguments) in [("sync", world.syncArguments(db: mount + "/l.sqlite")),
                                           ("verify", ["--db", mount + "/l.sqlite", "verify"]),
                                           ("query", ["--db", mount + "/l.sqlite", "query", "SELECT count(*) FROM events", "--format", "csv"])] {
                    result.trials += 1
                    let outcome = try ws.run(arguments, timeout: 60)
                    result.check(clean(outcome), "read-only mount, \(label): \(outcome.summary)")
                    if label == "sync" { result.check(!outcome.ok, "read-only mount: sync claimed success") }
                }
            } else {
                result.notes.append("remount ro not permitted: read-only mount not tried")
            }
        } else {
            result.notes.append("bind mount not permitted: read-only mount not tried")
        }
    }

    // MARK: disk full

    static func diskFull(_ ws: Workspace, _ world: SyncWorld, _ result: inout ScenarioResult) throws {
        let tiny = ws.path("tiny")
        try FileManager.default.createDirectory(atPath: tiny, withIntermediateDirectories: true)
        guard shell(["mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", tiny]) == 0 else {
            result.notes.append("tmpfs mount not permitted: disk full not tried")
            return
        }
        var mounted = true
        defer { if mounted { shell(["umount", tiny]) } }
        result.trials += 1
        let db = tiny + "/l.sqlite"
        let full = try ws.run(world.syncArguments(db: db), timeout: 120)
        result.check(!full.ok, "disk full: the sync claimed success on a 2 MB disk")
        result.check(clean(full), "disk full: \(full.summary)")
        result.check(full.stderr.lowercased().contains("full") || full.stderr.lowercased().contains("space"),
                     "disk full: the error does not say the disk is full: \(full.summary)")
        guard FileManager.default.fileExists(atPath: db) else { return }
        let verify = try ws.verify(db)
        result.check(verify.ok, "disk full: verify failed on what was committed: \(verify.summary)")
        let before = verify.ok ? try ws.chain(db) : []
        let rescued = ws.path("rescued.sqlite")
        try copy(db, rescued)
        shell(["umount", tiny])
        mounted = false
        let rerun = try ws.run(world.syncArguments(db: rescued), timeout: 120)
        result.check(rerun.ok, "disk full: the re-run with space failed: \(rerun.summary)")
        let after = try ws.chain(rescued)
        let kept = zip(before, after).filter { $0 == $1 }.count
        result.eventsLost += before.count - kept
        result.failures += try world.checkTotals(ws, db: rescued).map { "disk full, after the re-run: \($0)" }
        result.duplicates += try ws.duplicateInsights(rescued)
        result.notes.append("disk full after \(before.count) committed events")
    }

    // MARK: truncated

    static func truncated(_ ws: Workspace, _ base: String, _ baseChain: [String], _ result: inout ScenarioResult) throws {
        let size = (try FileManager.default.attributesOfItem(atPath: base)[.size] as? Int) ?? 0
        for (label, length) in [("half", size / 2), ("a tenth", size / 10), ("one byte short", size - 1), ("100 bytes", 100),
                                ("one page", 4096)] {
            let db = ws.path("trunc.sqlite")
            try copy(base, db, wal: false)
            guard truncate(db, off_t(length)) == 0 else { continue }
            result.trials += 1
            let verify = try ws.verify(db)
            if verify.ok {
                // SQLite may not need the lost bytes (free space at the end); then nothing committed may be missing.
                result.check(try ws.chain(db) == baseChain, "truncated to \(label): verify passed but events are missing")
            } else {
                result.check(clean(verify), "truncated to \(label): verify unclear: \(verify.summary)")
            }
            for arguments in [["query", "SELECT count(*) FROM meta_ads_performance", "--format", "csv"], ["status"], ["rebuild"]] {
                let outcome = try ws.run(["--db", db] + arguments, timeout: 60)
                result.check(clean(outcome), "truncated to \(label): \(arguments[0]) \(outcome.summary)")
            }
        }
        Campaign.removeLedger(ws.path("trunc.sqlite"))
    }

    // MARK: corrupted bytes

    static func corrupted(_ ws: Workspace, _ world: SyncWorld, _ base: String, _ random: inout SeededGenerator, _ trials: Int,
                          _ result: inout ScenarioResult) throws {
        let original = [UInt8](try Data(contentsOf: URL(fileURLWithPath: base)))
        let db = ws.path("corrupt.sqlite")
        // Targeted: a digit of a stored spend (the first in the file: in a payload stored as JSON, or in the sample
        // text of a dictionary, whose changed byte may decode every payload as before), a digit of a payload's spend,
        // and a character of a stored event hash.
        var targets: [(String, Int)] = []
        let spend = Array("\"spend\":\"".utf8)
        if let at = find(original, spend) { targets.append(("the file's first stored spend digit", at + 9)) }
        if let hex = try ws.query(
            base, "SELECT hex(body) FROM payloads WHERE encoding = 'json' AND instr(body, '\"spend\":\"') > 0 LIMIT 1"
        ).first,
            case let body = bytes(hex: hex), let inBody = find(body, spend), let at = find(original, body)
        {
            targets.append(("a payload's spend digit", at + inBody + 9))
        }
        // hex() gives the stored bytes whichever way the file keeps hashes (32-byte blobs, or hex text before compact).
        if let hex = try ws.query(base, "SELECT hex(hash) FROM events WHERE seq = 3").first,
            let at = find(original, bytes(hex: hex))
        {
            targets.append(("an event hash", at + 5))
        }
        for (label, offset) in targets {
            result.trials += 1
            var bytes = original
            bytes[offset] = bytes[offset] == UInt8(ascii: "1") ? UInt8(ascii: "2") : UInt8(ascii: "1")
            Campaign.removeLedger(db)
            _ = FileManager.default.createFile(atPath: db, contents: Data(bytes))
            let verify = try ws.verify(db)
            result.check(!verify.ok && clean(verify), "corrupted \(label): verify \(verify.ok ? "passed" : verify.summary)")
            result.notes.append("corrupted \(label): \(verify.stderrLines.first.map { String($0.prefix(110)) } ?? "passed")")
        }
        // Random bytes anywhere: never a crash or a hang, and when verify passes nothing it guards was altered.
        let baseChain = try ws.chain(base)
        let basePayloads = try ws.query(base, payloadDigestSQL)
        let baseSpend = try ws.query(base, spendSQL)
        var detected = 0
        for trial in 0..<trials {
            result.trials += 1
            var bytes = original
            for _ in 0..<Int.random(in: 1...4, using: &random) {
                let at = Int.random(in: 0..<bytes.count, using: &random)
                bytes[at] = UInt8.random(in: 0...255, using: &random)
            }
            Campaign.removeLedger(db)
            _ = FileManager.default.createFile(atPath: db, contents: Data(bytes))
            let verify = try ws.verify(db)
            if !verify.ok { detected += 1 }
            result.check(clean(verify), "random corruption \(trial): verify \(verify.summary)")
            if verify.ok {
                // The bytes fell where SQLite keeps nothing the ledger reads (free space, unused page tails).
                let same = (try? ws.chain(db)) == baseChain && (try? ws.query(db, payloadDigestSQL)) == basePayloads
                    && (try? ws.query(db, spendSQL)) == baseSpend
                result.check(same, "random corruption \(trial): verify passed but the log or a total differs")
                if !same {
                    // Kept for a post-mortem (with --keep): the bytes verify should have flagged.
                    try? FileManager.default.copyItem(atPath: db, toPath: ws.path("undetected-\(trial).sqlite"))
                }
            }
            for arguments in [["query", "SELECT sum(spend) FROM meta_ads_performance", "--format", "csv"], ["status"]] {
                let outcome = try ws.run(["--db", db] + arguments, timeout: 60)
                result.check(clean(outcome), "random corruption \(trial): \(arguments[0]) \(outcome.summary)")
            }
            if trial % 4 == 0 {
                let sync = try ws.run(world.syncArguments(db: db), timeout: 120)
                result.check(clean(sync), "random corruption \(trial): sync \(sync.summary)")
            }
        }
        result.notes.append("random corruption: verify flagged \(detected) of \(trials), the rest left the log and totals intact")
        Campaign.removeLedger(db)
    }

    /// Every payload's hash and body, for comparing two copies of a ledger.
    static let payloadDigestSQL = "SELECT hash, hex(body) FROM payloads ORDER BY hash"
    /// Totals a user would read, through the performance table and its indexes.
    static let spendSQL = """
        SELECT meta_ad_account_id, date, count(*), sum(spend), sum(impressions) FROM meta_ads_performance \
        GROUP BY meta_ad_account_id, date ORDER BY meta_ad_account_id, date
        """

    /// The bytes `hex` spells (as SQLite's hex() gives them).
    static func bytes(hex: String) -> [UInt8] {
        stride(from: 0, to: hex.count - 1, by: 2).compactMap { UInt8(hex.dropFirst($0).prefix(2), radix: 16) }
    }

    static func find(_ haystack: [UInt8], _ needle: [UInt8]) -> Int? {
        guard haystack.count >= needle.count else { return nil }
        for i in 0...(haystack.count - needle.count) where haystack[i] == needle[0] {
            if Array(haystack[i..<(i + needle.count)]) == needle { return i }
        }
        return nil
    }

    // MARK: a -wal left by a killed writer

    static func leftoverWAL(_ ws: Workspace, _ world: SyncWorld, _ result: inout ScenarioResult) throws {
        result.trials += 1
        let db = ws.path("crashed.sqlite")
        world.server.setLatency(0.02)
        defer { world.server.setLatency(0) }
        let sync = try ws.spawn(world.syncArguments(db: db))
        // Kill once some pages are committed.
        var committed = 0
        let deadline = Date().addingTimeInterval(30)
        while committed < 150 && Date() < deadline && sync.process.isRunning {
            usleep(50_000)
            committed = (try? ws.count(db, "SELECT count(*) FROM events WHERE kind = 'insight.fetched'")) ?? 0
        }
        sync.kill(SIGKILL)
        ws.record(sync.wait(timeout: 30))
        guard FileManager.default.fileExists(atPath: db + "-wal") else {
            result.notes.append("the killed sync left no -wal (\(committed) events seen)")
            return
        }
        // Only the main file and its -wal (the -shm is rebuilt): a reader first, then verify, then a re-run.
        let moved = ws.path("moved.sqlite")
        try copy(db, moved)
        let seen = try ws.count(moved, "SELECT count(*) FROM events WHERE kind = 'insight.fetched'")
        result.check(seen >= committed, "leftover -wal: a reader sees \(seen) insight events, \(committed) were committed before the kill")
        result.eventsLost += max(committed - seen, 0)
        let verify = try ws.verify(moved)
        result.check(verify.ok, "leftover -wal: verify failed: \(verify.summary)")
        let rerun = try ws.run(world.syncArguments(db: moved))
        result.check(rerun.ok, "leftover -wal: re-run failed: \(rerun.summary)")
        result.failures += try world.checkTotals(ws, db: moved).map { "leftover -wal: \($0)" }
        result.duplicates += try ws.duplicateInsights(moved)
        result.notes.append("-wal left after \(committed) insight events: recovered \(seen)")
    }
}
