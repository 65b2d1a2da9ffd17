import Foundation
import Sync

/// A live status line on stderr (TTY only): one segment per account, redrawn in place.
final class ProgressLine: @unchecked Sendable {
    // @unchecked: `states` and `lastDraw` are only touched while holding `lock`.
    private let lock = NSLock()
    private let enabled: Bool
    private var states: [String: SyncProgress] = [:]
    private var lastDraw = Date.distantPast

    init(enabled: Bool) { self.enabled = enabled }

    func update(_ progress: SyncProgress) {
        guard enabled else { return }
        lock.lock()
        defer { lock.unlock() }
        states[progress.accountId] = progress
        guard Date().timeIntervalSince(lastDraw) > 0.1 else { return }
        lastDraw = Date()
        let text = states.keys.sorted().compactMap { states[$0] }.map { p in
            var part = "\(p.accountId) \(p.chunksDone)/\(p.chunksTotal) chunks"
            if p.chunksInFlight > 0 { part += " (\(p.chunksInFlight) in flight)" }
            part += ", \(p.pages) pages, \(p.rows) rows"
            if p.throttleWaits > 0 { part += ", \(p.throttleWaits) waits" }
            if let eta = p.remaining { part += ", ~\(Int(eta))s left" }
            if let note = p.note { part += " (\(note))" }
            return part
        }.joined(separator: " | ")
        FileHandle.standardError.write(Data("\r\u{1B}[K\(text)".utf8))
    }

    func finish() {
        guard enabled else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
    }
}
