/// A dot-command as typed: `.name arg "quoted arg" 'another'`.
struct DotCommandLine: Equatable {
    /// The command's name without the dot, lower-cased (`mode` for `.MODE`).
    let name: String
    /// The arguments, quotes removed.
    let arguments: [String]

    /// Splits a line that starts with `.` (after white space); nil for anything else.
    init?(_ line: String) {
        let trimmed = line.drop { $0.isWhitespace }
        guard trimmed.first == "." else { return nil }
        var words: [String] = []
        var current = ""
        var inWord = false
        var quote: Character?
        for character in trimmed.dropFirst() {
            if let open = quote {
                if character == open { quote = nil } else { current.append(character) }
            } else if character == "\"" || character == "'" {
                quote = character
                inWord = true
            } else if character.isWhitespace {
                if inWord { words.append(current) }
                current = ""
                inWord = false
            } else {
                current.append(character)
                inWord = true
            }
        }
        if inWord { words.append(current) }
        guard let first = words.first else { return nil }
        name = first.lowercased()
        arguments = Array(words.dropFirst())
    }
}
