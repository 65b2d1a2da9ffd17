import JSON

extension JSONValue {
    /// A number, or a string holding one, as Meta writes numbers either way (`"call_count": 12` or `"12"`).
    var graphDouble: Double? {
        switch self {
        case .number(let text), .string(let text): Double(text).flatMap { $0.isFinite ? $0 : nil }
        default: nil
        }
    }

    /// An integer, or a string holding one; a whole number written with a fraction (`5.0`) counts too.
    var graphInt: Int? {
        switch self {
        case .number(let text), .string(let text): Int(text) ?? graphDouble.flatMap { Int(exactly: $0) }
        default: nil
        }
    }

    /// `true`/`false`, a number (non-zero is true), or the strings `"true"` and `"false"`.
    var graphBool: Bool? {
        switch self {
        case .bool(let flag): flag
        case .number: graphDouble.map { $0 != 0 }
        case .string("true"): true
        case .string("false"): false
        default: nil
        }
    }
}
