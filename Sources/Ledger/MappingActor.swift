/// Who decided a mapping, and how.
public struct MappingActor: Sendable {
    public let name: String
    public init(_ name: String) { self.name = name }
}
