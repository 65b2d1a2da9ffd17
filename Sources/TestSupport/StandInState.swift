/// The stand-in's mutable state; only touched with `GraphStandIn.lock` held.
struct StandInState: Sendable {
    var token: String
    var usage = StandInUsage()
    var latency: Double = 0
    var reduceDataAboveLimit: Int?
    var jobPolls = 1
    var faults: [StandInScheduledFault] = []
    var requests: [StandInRecordedRequest] = []
    /// Throttle windows by account id ("*" for all): end time on the stand-in clock, code, minutes.
    var throttleWindows: [String: (until: Double, code: Int, minutes: Double)] = [:]
    var jobs: [String: StandInJob] = [:]
    var nextJob = 1
    /// Restatements by account id: revision and first affected day number.
    var revisions: [String: (revision: Int, fromDay: Int)] = [:]
    /// Ad statuses set by tests, by account id and ad index.
    var adStatuses: [String: [Int: String]] = [:]
}
