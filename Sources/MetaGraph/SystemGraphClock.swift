import Foundation

/// The real clock: monotonic uptime and `Thread.sleep`.
public struct SystemGraphClock: GraphClock, Sendable {
    /// Creates the real clock.
    public init() {}

    /// Seconds since boot (monotonic).
    public func now() -> Double {
        ProcessInfo.processInfo.systemUptime
    }

    /// Sleeps the calling thread; does nothing for zero or negative durations.
    public func sleep(seconds: Double) {
        guard seconds > 0 else { return }
        Thread.sleep(forTimeInterval: seconds)
    }
}
