/// The value of one member of an object read one level deep (see ``JSONParser/members(ofObject:)``).
public enum JSONMemberValue: Sendable, Equatable {
    /// A string, number, `true`, `false` or `null`, read as ``JSONValue``.
    case scalar(JSONValue)
    /// An array or object: its JSON text exactly as written (its syntax checked, its contents not read).
    case nested(String)
}
