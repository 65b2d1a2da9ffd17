import Foundation
import MetaGraph

/// A clock that never sleeps: `sleep` advances `now` and records the duration.
///
/// `@unchecked Sendable` so the stand-in can read it from its server threads: `lock` guards `current`
/// and `recorded`.
final class FakeClock: GraphClock, @unchecked Sendable {
    private let lock = NSLock()
    private var current: Double = 1_000
    private var recorded: [Double] = []

    func now() -> Double { lock.withLock { current } }

    func sleep(seconds: Double) {
        lock.withLock {
            recorded.append(seconds)
            current += max(seconds, 0)
        }
    }

    /// Every sleep so far, in order.
    var sleeps: [Double] { lock.withLock { recorded } }
}
