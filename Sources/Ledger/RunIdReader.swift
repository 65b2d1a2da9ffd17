import JSON

/// Reads the `run_id` of insight events' `meta` (`{"run_id": …}`), remembering the last `meta` it parsed: a sync
/// run's events share one, so a worker's run of consecutive events parses it about once.
struct RunIdReader {
    private var last: (meta: String, runId: String?)?

    /// The `run_id` string of `meta`, nil when there is none or `meta` is not JSON.
    mutating func runId(of meta: String?) -> String? {
        guard let meta else { return nil }
        if let last, last.meta == meta { return last.runId }
        let runId = (try? JSONParser.parse(meta))?["run_id"]?.stringValue
        last = (meta, runId)
        return runId
    }
}
