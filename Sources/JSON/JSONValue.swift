/// A JSON value that keeps numbers exactly as they were written.
///
/// Meta sends most numbers as strings, but anything may arrive; a number keeps its lexeme so the
/// canonical form and the hash of a row never depend on binary floating point.
public enum JSONValue: Sendable, Equatable {
    case null
    case bool(Bool)
    /// The number's text exactly as received, e.g. `"1e400"` or `"-0"`.
    case number(String)
    case string(String)
    case array([JSONValue])
    /// Members in the order received; keys are unique (the parser rejects duplicates).
    case object([(key: String, value: JSONValue)])

    public static func == (lhs: JSONValue, rhs: JSONValue) -> Bool {
        switch (lhs, rhs) {
        case (.null, .null): true
        case (.bool(let a), .bool(let b)): a == b
        case (.number(let a), .number(let b)): a == b
        case (.string(let a), .string(let b)): a == b
        case (.array(let a), .array(let b)): a == b
        case (.object(let a), .object(let b)):
            a.count == b.count && zip(a, b).allSatisfy { $0.key == $1.key && $0.value == $1.value }
        default: false
        }
    }

    /// The member named `key` of an object, else nil.
    public subscript(key: String) -> JSONValue? {
        guard case .object(let members) = self else { return nil }
        // A key equal to a plain ASCII key has the same bytes, so its UTF-8 length is a free filter.
        if Self.isPlainASCII(key) {
            let count = key.utf8.count
            for member in members where member.key.utf8.count == count && member.key == key { return member.value }
            return nil
        }
        return members.first { $0.key == key }?.value
    }

    /// ASCII without `K`, `;` or `` ` ``: no other spelling is canonically equivalent to such a text.
    /// (A string equals it only if its decomposition is that ASCII text, and the only non-ASCII
    /// characters that decompose to ASCII are U+212A, U+037E and U+1FEF, which become `K`, `;`, `` ` ``.)
    private static func isPlainASCII(_ text: String) -> Bool {
        text.utf8.allSatisfy {
            $0 < 0x80 && $0 != UInt8(ascii: "K") && $0 != UInt8(ascii: ";") && $0 != UInt8(ascii: "`")
        }
    }

    /// The text of a string, or the lexeme of a number; nil for anything else.
    public var scalarText: String? {
        switch self {
        case .string(let s), .number(let s): s
        default: nil
        }
    }

    /// The text of a string value, else nil.
    public var stringValue: String? {
        if case .string(let s) = self { return s }
        return nil
    }

    /// The elements of an array, else nil.
    public var arrayValue: [JSONValue]? {
        if case .array(let a) = self { return a }
        return nil
    }

    /// The members of an object, else nil.
    public var objectMembers: [(key: String, value: JSONValue)]? {
        if case .object(let m) = self { return m }
        return nil
    }
}
