/// Why a JSON text could not be read.
public struct JSONError: Error, CustomStringConvertible, Sendable, Equatable {
    /// What was wrong, e.g. "unterminated string".
    public let reason: String
    /// Byte offset into the input where the problem was found.
    public let offset: Int

    public init(reason: String, offset: Int) {
        self.reason = reason
        self.offset = offset
    }

    public var description: String { "invalid JSON at byte \(offset): \(reason)" }
}
