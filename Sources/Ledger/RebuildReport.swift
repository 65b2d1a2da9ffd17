/// What `rebuild` did or, with `--dry-run`, would do. `--format json` prints it with the snake_case keys of
/// `CodingKeys`.
public struct RebuildReport: Sendable, Encodable {
    public let dryRun: Bool
    public let events: Int64
    public let diffs: [ProjectionDiff]

    /// True when some projection's fresh build differs from the live table.
    public var changed: Bool { diffs.contains { !$0.isEmpty } }

    enum CodingKeys: String, CodingKey {
        case dryRun = "dry_run"
        case events, changed, projections
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(dryRun, forKey: .dryRun)
        try container.encode(events, forKey: .events)
        try container.encode(changed, forKey: .changed)
        try container.encode(diffs, forKey: .projections)
    }
}
