import Foundation

/// Points at where SQLite says a statement went wrong, as `sqlite3` does:
///
///     SELEC * FROM events;
///     ^--- error here
enum SQLErrorLocation {
    /// Two lines showing the statement line and a caret under the token SQLite named with `near "…"`;
    /// nil when the message names no token or the statement does not contain it.
    static func pointer(sql: String, message: String) -> String? {
        guard let open = message.range(of: "near \""),
            let close = message.range(of: "\": ", range: open.upperBound..<message.endIndex)
        else { return nil }
        let token = message[open.upperBound..<close.lowerBound]
        guard !token.isEmpty, let found = sql.range(of: token) else { return nil }
        let lineStart = sql[..<found.lowerBound].lastIndex(of: "\n").map { sql.index(after: $0) } ?? sql.startIndex
        let lineEnd = sql[found.lowerBound...].firstIndex(of: "\n") ?? sql.endIndex
        let line = ResultRenderer.visible(String(sql[lineStart..<lineEnd]))
        let column = DisplayWidth.of(ResultRenderer.visible(String(sql[lineStart..<found.lowerBound])))
        return "  \(line)\n  \(String(repeating: " ", count: column))^--- error here"
    }
}
