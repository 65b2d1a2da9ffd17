/// What `rebuild` did or, with `--dry-run`, would do.
public struct RebuildReport: Sendable {
    public let dryRun: Bool
    public let events: Int64
    public let diffs: [ProjectionDiff]
}
