import Normalization

/// What `rebuild` did or, with `--dry-run`, would do. `--format json` prints it with the snake_case keys of
/// `CodingKeys`.
public struct RebuildReport: Sendable, Encodable {
    public let dryRun: Bool
    public let events: Int64
    /// True when some projection's fresh build differs from the live table.
    public let changed: Bool
    public let diffs: [ProjectionDiff]
    /// The normalizer version the live performance rows were computed with before this rebuild.
    public let previousNormalizerVersion: Int
    /// The normalizer version of this build.
    public let normalizerVersion: Int
    /// Things a reader should know about the fresh build, one sentence each: e.g. a new column that is NULL in
    /// every row because no stored payload has its source field.
    public let notes: [String]

    enum CodingKeys: String, CodingKey {
        case dryRun = "dry_run"
        case events, changed
        case previousNormalizerVersion = "previous_normalizer_version"
        case normalizerVersion = "normalizer_version"
        case diffs = "projections"
        case notes
    }

    init(dryRun: Bool, events: Int64, diffs: [ProjectionDiff], previousNormalizerVersion: Int, notes: [String]) {
        self.dryRun = dryRun
        self.events = events
        self.changed = diffs.contains { !$0.isEmpty }
        self.diffs = diffs
        self.previousNormalizerVersion = previousNormalizerVersion
        self.normalizerVersion = Normalizer.version
        self.notes = notes
    }
}
