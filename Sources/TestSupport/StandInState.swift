/// The stand-in's mutable state; only touched with `GraphStandIn.lock` held.
struct StandInState: Sendable {
    var token: String
    var usage = StandInUsage()
    var latency: Double = 0
    var reduceDataAboveLimit: Int?
    var maxPageSize: Int?
    /// Requests being answered now, and the most at once so far.
    var inFlight = 0
    var maxInFlight = 0
    var jobPolls = 1
    var faults: [StandInScheduledFault] = []
    var requests: [StandInRecordedRequest] = []
    /// Throttle windows by account id ("*" for all): end time on the stand-in clock, code, minutes.
    var throttleWindows: [String: (until: Double, code: Int, minutes: Double)] = [:]
    var jobs: [String: StandInJob] = [:]
    var nextJob = 1
    /// Restatements by account id: revision and first affected day number.
    var revisions: [String: (revision: Int, fromDay: Int)] = [:]
    /// What `debug_token` reports, Unix seconds (0: never expires).
    var tokenExpiry: (token: Int, dataAccess: Int) = (0, 0)
    /// Ad statuses set by tests, by account id and ad index.
    var adStatuses: [String: [Int: String]] = [:]
}
