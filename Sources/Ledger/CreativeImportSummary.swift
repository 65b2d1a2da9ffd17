/// The outcome of `creatives import`.
public struct CreativeImportSummary: Sendable {
    public let new: Int
    public let changed: Int
    public let unchanged: Int
    /// Lines left out with `--skip-bad`, as `line N: reason`.
    public let skipped: [String]
}
