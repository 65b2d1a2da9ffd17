import Foundation

/// A clock a test moves forward by hand, for a ledger that stays open while time passes.
/// `@unchecked Sendable`: `lock` guards `date`.
final class SteppedClock: @unchecked Sendable {
    private let lock = NSLock()
    private var date: Date

    init(_ time: String) throws {
        guard let start = ISO8601DateFormatter().date(from: time) else { throw CocoaError(.formatting) }
        date = start
    }

    var now: Date { lock.withLock { date } }

    func advance(seconds: TimeInterval) { lock.withLock { date += seconds } }
}
