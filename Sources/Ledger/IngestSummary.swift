/// The outcome of `ingest`.
public struct IngestSummary: Sendable {
    public let runId: String
    public let files: Int
    public let counts: AppendCounts
}
