import Foundation
import Ledger

/// The run's one ledger connection, shared by every thread of a sync: one writer, one page cache. Each call
/// holds the connection for one transaction (a page and its projection updates, a chunk's coverage, …).
///
/// `@unchecked Sendable`: `ledger` is only used while holding `lock`.
final class LedgerGate: @unchecked Sendable {
    private let lock = NSLock()
    private let ledger: Ledger

    init(path: String, clock: @escaping @Sendable () -> Date) throws(LedgerError) {
        ledger = try Ledger(path: path, clock: clock)
        try ledger.limitPageCache(kibibytes: Self.pageCacheKiB)
    }

    /// The page cache of a sync's connection, KiB: a sync appends and updates a few rows per page and reads few
    /// pages twice, so a small cache costs no measurable time; the writer's default (32 MiB) grew with the file
    /// and was most of a sync's memory (issue 13: 57 MiB peak RSS, under 40 with this).
    static let pageCacheKiB = 512

    /// Runs `body` with the ledger, no other thread using it meanwhile.
    func with<T>(_ body: (Ledger) throws -> T) rethrows -> T {
        try lock.withLock { try body(ledger) }
    }
}
