import Foundation

/// The process's CPU time (user + system, every thread) since it was started or last lapped: on 2 shared cores the
/// wall clock swings with whatever else runs, CPU seconds much less.
struct CPUClock {
    private var start = CPUClock.now()

    /// CPU seconds since the start or the last lap.
    mutating func lap() -> Double {
        let now = Self.now()
        defer { start = now }
        return now - start
    }

    private static func now() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        func seconds(_ time: timeval) -> Double { Double(time.tv_sec) + Double(time.tv_usec) / 1e6 }
        return seconds(usage.ru_utime) + seconds(usage.ru_stime)
    }
}
