/// Collects typed or scripted lines into complete SQL statements: a statement ends at a `;` outside
/// quotes ('…', "…", `…`, […]) and comments (`--`, `/* */`), so one may span lines and one line may hold
/// several.
struct StatementSplitter {
    /// Text typed so far that does not yet end a statement.
    private(set) var pending = ""

    /// True when nothing but white space and comments is pending: the shell shows its main prompt.
    var isEmpty: Bool { Self.isBlank(pending) }

    /// Adds one line; returns the statements it completed, in order, each ending in its `;`.
    mutating func append(line: String) -> [String] {
        pending += pending.isEmpty ? line : "\n" + line
        var statements: [String] = []
        var start = pending.utf8.startIndex
        var cutPoints: [String.Index] = []
        Self.scan(pending.utf8[...]) { end in cutPoints.append(end) }
        for end in cutPoints {
            let statement = String(pending[start..<end])
            if !Self.isBlank(statement) { statements.append(statement) }
            start = end
        }
        if start != pending.utf8.startIndex {
            let rest = pending[start...]
            pending = Self.isBlank(rest) ? "" : String(rest.drop { $0.isWhitespace })
        }
        return statements
    }

    /// Ends input: returns what was pending (a last statement without `;`), or nil when only blanks remain.
    mutating func finish() -> String? {
        defer { pending = "" }
        return isEmpty ? nil : pending
    }

    /// Forgets what was pending (Ctrl-C on a continuation line).
    mutating func reset() { pending = "" }

    /// Where a scan ended: still inside a quote or comment, or not.
    enum State: Equatable {
        case normal, singleQuote, doubleQuote, backtick, bracket, lineComment, blockComment
    }

    /// Scans SQL, calling `cut` with the index just past every top-level `;`; returns the final state.
    @discardableResult
    static func scan(_ text: Substring.UTF8View, cut: (String.Index) -> Void) -> State {
        var state = State.normal
        var index = text.startIndex
        while index != text.endIndex {
            let byte = text[index]
            let next = text.index(after: index)
            let following: UInt8? = next == text.endIndex ? nil : text[next]
            switch state {
            case .normal:
                switch byte {
                case UInt8(ascii: "'"): state = .singleQuote
                case UInt8(ascii: "\""): state = .doubleQuote
                case UInt8(ascii: "`"): state = .backtick
                case UInt8(ascii: "["): state = .bracket
                case UInt8(ascii: "-") where following == UInt8(ascii: "-"): state = .lineComment
                case UInt8(ascii: "/") where following == UInt8(ascii: "*"):
                    state = .blockComment
                    index = next  // skip the `*`, so `/*/` does not close
                case UInt8(ascii: ";"): cut(next)
                default: break
                }
            case .singleQuote: if byte == UInt8(ascii: "'") { state = .normal }  // '' re-enters at once
            case .doubleQuote: if byte == UInt8(ascii: "\"") { state = .normal }
            case .backtick: if byte == UInt8(ascii: "`") { state = .normal }
            case .bracket: if byte == UInt8(ascii: "]") { state = .normal }
            case .lineComment: if byte == UInt8(ascii: "\n") { state = .normal }
            case .blockComment:
                if byte == UInt8(ascii: "*"), following == UInt8(ascii: "/") {
                    state = .normal
                    index = next
                }
            }
            index = text.index(after: index)
        }
        return state
    }

    /// True when `text` holds only white space and complete comments (a `;` alone counts as blank).
    static func isBlank(_ text: some StringProtocol) -> Bool {
        var utf8 = Array(text.utf8)[...]
        while let byte = utf8.first {
            switch byte {
            case 0x20, 0x09, 0x0A, 0x0D, 0x0C, UInt8(ascii: ";"):
                utf8 = utf8.dropFirst()
            case UInt8(ascii: "-") where utf8.dropFirst().first == UInt8(ascii: "-"):
                guard let end = utf8.firstIndex(of: 0x0A) else { return true }
                utf8 = utf8[(end + 1)...]
            case UInt8(ascii: "/") where utf8.dropFirst().first == UInt8(ascii: "*"):
                let body = utf8.dropFirst(2)
                var closed: Int?
                var i = body.startIndex
                while i + 1 < body.endIndex {
                    if body[i] == UInt8(ascii: "*"), body[i + 1] == UInt8(ascii: "/") {
                        closed = i + 2
                        break
                    }
                    i += 1
                }
                guard let closed else { return false }  // an open block comment continues the statement
                utf8 = utf8[closed...]
            default:
                return false
            }
        }
        return true
    }
}
