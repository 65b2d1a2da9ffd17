import Foundation
import MetaGraph

/// A clock for replay: waits recorded in a cassette (throttling, backoff) pass instantly.
final class VirtualClock: GraphClock {
    private var offset = 0.0

    func now() -> Double { ProcessInfo.processInfo.systemUptime + offset }

    func sleep(seconds: Double) { offset += max(0, seconds) }
}
