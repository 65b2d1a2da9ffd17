/// What `rebuild` did or, with `--dry-run`, would do. `--format json` prints it with the snake_case keys of
/// `CodingKeys`.
public struct RebuildReport: Sendable, Encodable {
    public let dryRun: Bool
    public let events: Int64
    /// True when some projection's fresh build differs from the live table.
    public let changed: Bool
    public let diffs: [ProjectionDiff]

    enum CodingKeys: String, CodingKey {
        case dryRun = "dry_run"
        case events, changed
        case diffs = "projections"
    }

    init(dryRun: Bool, events: Int64, diffs: [ProjectionDiff]) {
        self.dryRun = dryRun
        self.events = events
        self.changed = diffs.contains { !$0.isEmpty }
        self.diffs = diffs
    }
}
