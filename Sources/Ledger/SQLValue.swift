/// One SQLite value as stored: what a query row holds and what a statement binds.
package enum SQLValue: Sendable, Equatable, Hashable {
    case null
    case integer(Int64)
    case real(Double)
    case text(String)
    case blob([UInt8])

    /// The text of a text value, else nil.
    package var text: String? {
        if case .text(let s) = self { return s }
        return nil
    }

    /// The integer of an integer value, else nil.
    package var integer: Int64? {
        if case .integer(let i) = self { return i }
        return nil
    }

    /// A plain rendering, as `sqlite3` prints values (NULL as empty).
    package var plainText: String {
        switch self {
        case .null: ""
        case .integer(let i): String(i)
        case .real(let d): SQLValue.format(d)
        case .text(let s): s
        case .blob(let b): String(decoding: b, as: UTF8.self)
        }
    }

    /// Formats a REAL as `sqlite3` does for the values we store: `14.35`, `3.0`.
    package static func format(_ d: Double) -> String {
        if d.isFinite, d == d.rounded(), abs(d) < 1e15 { return "\(Int64(d)).0" }
        return "\(d)"
    }
}
