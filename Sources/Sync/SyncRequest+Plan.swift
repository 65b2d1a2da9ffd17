import JSON
import MetaGraph

extension SyncRequest {
    /// What identifies "the same command" for resuming a plan: the days as asked (not as resolved) and the
    /// request context that changes the rows Meta returns.
    var asked: JSONValue {
        .object([
            ("since", since.map(JSONValue.string) ?? .null), ("until", until.map(JSONValue.string) ?? .null),
            ("lookback_days", .number(String(lookbackDays))), ("chunk_days", .number(String(chunkDays))),
            ("api_version", .string(graph.apiVersion)),
            ("action_attribution_windows", .array(graph.actionAttributionWindows.map(JSONValue.string))),
        ])
    }
}
