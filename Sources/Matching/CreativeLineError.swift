/// A line of a creative list that could not be read.
public struct CreativeLineError: Error, CustomStringConvertible, Sendable, Equatable {
    /// 1-based line on which the bad record starts.
    public let line: Int
    /// What is wrong with it.
    public let reason: MatchingError

    /// Creates a line error.
    public init(line: Int, reason: MatchingError) {
        self.line = line
        self.reason = reason
    }

    /// `line N: ` followed by the reason's one-line description.
    public var description: String { "line \(line): \(reason)" }
}
