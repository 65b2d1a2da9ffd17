import Ledger

/// Tab completion over a catalog snapshot: SQL keywords, table and column names, dot-commands and their
/// arguments. A value, so the readline callback can hold it across threads and tests can call it directly.
package struct Completer: Sendable {
    /// What readline should offer for the word under the cursor.
    package enum Completion: Equatable, Sendable {
        /// These words (the caller filters nothing further).
        case words([String])
        /// File names: readline's own file-name completion.
        case fileNames
    }

    /// The tables and columns offered.
    package var catalog: SchemaCatalog
    /// Names bound with `.param set`, offered after `:`-less `.param unset`.
    package var parameterNames: [String]

    /// A completer over `catalog`.
    package init(catalog: SchemaCatalog = SchemaCatalog(), parameterNames: [String] = []) {
        self.catalog = catalog
        self.parameterNames = parameterNames
    }

    /// Completions for `word`, the text before the cursor back to the last word break, given the line
    /// before the word (`before`) and the whole line (`line`, used to find the tables a query names).
    package func complete(word: String, before: String, line: String) -> Completion {
        let head = before.drop { $0.isWhitespace }
        if head.isEmpty, word.hasPrefix(".") {
            return .words(DotCommandSpec.all.map { "." + $0.name }.filter { Self.matches($0, word) })
        }
        if head.hasPrefix(".") { return completeArgument(word: word, before: String(head)) }
        return .words(completeSQL(word: word, before: before, line: line))
    }

    private func completeArgument(word: String, before: String) -> Completion {
        let words = before.split(whereSeparator: \.isWhitespace)
        guard let first = words.first, let spec = DotCommandSpec.named(first.dropFirst().lowercased()) else {
            return .words([])
        }
        let position = words.count - 1  // arguments already complete before this word
        let options: [String]
        switch spec.arguments {
        case .none: options = []
        case .onOff: options = position == 0 ? ["on", "off"] : []
        case .mode: options = position == 0 ? ResultFormat.allCases.map(\.rawValue) : []
        case .table: options = position == 0 ? catalog.tables : []
        case .file: return .fileNames
        case .time: options = position == 0 ? ["off"] : []
        case .eventKind: options = position == 0 ? EventKind.allCases.map(\.rawValue) : []
        case .command: options = position == 0 ? DotCommandSpec.all.map(\.name) : []
        case .parameter:
            if position == 0 {
                options = ["set", "unset", "list", "clear"]
            } else if position == 1, words.count > 1, words[1] == "unset" {
                options = parameterNames
            } else {
                options = []
            }
        }
        return .words(options.filter { Self.matches($0, word) })
    }

    private func completeSQL(word: String, before: String, line: String) -> [String] {
        if let dot = word.lastIndex(of: ".") {
            let qualifier = String(word[..<dot])
            let partial = String(word[word.index(after: dot)...])
            let table = resolve(qualifier, in: line) ?? qualifier
            return (catalog.columns(of: table) ?? [])
                .filter { Self.matches($0, partial) }
                .map { qualifier + "." + $0 }
        }
        let previous = Self.tokens(before).last?.uppercased()
        let tables = catalog.tables.filter { Self.matches($0, word) }
        if let previous, SQLKeywords.beforeTable.contains(previous) { return tables }
        let named = Self.tokens(line).compactMap { token in
            catalog.tables.first { $0.lowercased() == token.lowercased() }
        }
        let columnSource =
            named.isEmpty ? catalog.allColumns : Array(Set(named.flatMap { catalog.columns(of: $0) ?? [] })).sorted()
        let columns = columnSource.filter { Self.matches($0, word) }
        let lower = !word.isEmpty && word.allSatisfy { !$0.isUppercase }
        let keywords = SQLKeywords.all.filter { Self.matches($0, word) }.map { lower ? $0.lowercased() : $0 }
        var seen = Set<String>()
        return (columns + tables + keywords).filter { seen.insert($0.lowercased()).inserted }
    }

    /// The table an alias or table name stands for in `line` (`FROM meta_ads_performance p` → `p`).
    private func resolve(_ qualifier: String, in line: String) -> String? {
        if catalog.columns(of: qualifier) != nil { return qualifier }
        let tokens = Self.tokens(line)
        for (i, token) in tokens.enumerated() where catalog.columns(of: token) != nil {
            var next = i + 1
            if next < tokens.count, tokens[next].uppercased() == "AS" { next += 1 }
            if next < tokens.count, tokens[next].lowercased() == qualifier.lowercased() { return token }
        }
        return nil
    }

    /// Identifier-like words of `text`.
    static func tokens(_ text: String) -> [String] {
        text.split { !($0.isLetter || $0.isNumber || $0 == "_") }.map(String.init)
    }

    /// True when `candidate` starts with `prefix`, ignoring case.
    static func matches(_ candidate: String, _ prefix: String) -> Bool {
        prefix.isEmpty || candidate.lowercased().hasPrefix(prefix.lowercased())
    }
}
