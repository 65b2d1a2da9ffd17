import Foundation
import Ledger

/// An export's progress on stderr (TTY only), redrawn in place at most ten times a second.
final class ExportProgressLine {
    private let enabled: Bool
    private var lastDraw = Date.distantPast

    init(enabled: Bool) { self.enabled = enabled }

    func update(_ progress: ExportProgress) {
        guard enabled, Date().timeIntervalSince(lastDraw) > 0.1 else { return }
        lastDraw = Date()
        let text = "exported \(progress.events) events, seq \(progress.seq) of \(progress.throughSeq)"
        FileHandle.standardError.write(Data("\r\u{1B}[K\(text)".utf8))
    }

    func finish() {
        guard enabled else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
    }
}
