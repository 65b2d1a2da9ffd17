/// Time as the Graph client sees it: a monotonic `now` in seconds and a blocking `sleep`.
///
/// Injected so tests can observe every wait without really sleeping; `SystemGraphClock` uses real time.
public protocol GraphClock {
    /// Seconds on a monotonic scale (only differences matter).
    func now() -> Double
    /// Blocks the calling thread for `seconds` (a fake clock just advances).
    func sleep(seconds: Double)
}
