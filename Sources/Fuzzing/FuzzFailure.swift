/// A property a fuzz target promised that did not hold for some input.
public struct FuzzFailure: Error, CustomStringConvertible, Sendable {
    /// The target whose property broke.
    public let target: FuzzTarget
    /// What was expected and what happened instead.
    public let property: String

    /// Creates a failure.
    public init(_ target: FuzzTarget, _ property: String) {
        self.target = target
        self.property = property
    }

    public var description: String { "fuzz target \(target.rawValue): \(property)" }
}
