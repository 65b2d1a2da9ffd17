/// Reads one line of JSON lines as a flat list of members, without recursion (so no input can
/// exhaust the stack).
///
/// Member values become text: a string its contents, a number its lexeme as written, `true` and
/// `false` themselves, `null` nil, a nested array or object its JSON text as written.
struct JSONLineParser {
    let bytes: [UInt8]
    var index = 0

    init(bytes: [UInt8]) {
        self.bytes = bytes
    }

    /// The members of the object on `line` (valid UTF-8), in order.
    ///
    /// - Throws: `.invalidJSON` for malformed JSON, `.notAJSONObject` for valid JSON that is not
    ///   an object.
    static func members(of line: [UInt8]) throws(MatchingError) -> [(key: String, value: String?)] {
        var parser = JSONLineParser(bytes: line)
        parser.skipWhitespace()
        guard parser.peek == UInt8(ascii: "{") else {
            try parser.skipValue()
            try parser.expectEnd()
            throw .notAJSONObject
        }
        let members = try parser.parseObject()
        try parser.expectEnd()
        return members
    }

    var peek: UInt8? { index < bytes.count ? bytes[index] : nil }

    func failure(_ what: String) -> MatchingError {
        .invalidJSON("\(what) at byte \(index + 1)")
    }

    mutating func skipWhitespace() {
        while let byte = peek, byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D { index += 1 }
    }

    mutating func expect(_ byte: UInt8, _ what: String) throws(MatchingError) {
        skipWhitespace()
        guard peek == byte else { throw failure("expected \(what)") }
        index += 1
    }

    mutating func expectEnd() throws(MatchingError) {
        skipWhitespace()
        guard peek == nil else { throw failure("unexpected text after the value") }
    }

    /// Parses `{ "key": value, … }` at `index` into members.
    mutating func parseObject() throws(MatchingError) -> [(key: String, value: String?)] {
        try expect(UInt8(ascii: "{"), "{")
        var members: [(key: String, value: String?)] = []
        skipWhitespace()
        if peek == UInt8(ascii: "}") {
            index += 1
            return members
        }
        while true {
            skipWhitespace()
            guard peek == UInt8(ascii: "\"") else { throw failure("expected a quoted key") }
            let key = try parseString()
            try expect(UInt8(ascii: ":"), ":")
            skipWhitespace()
            members.append((key, try parseValueText()))
            skipWhitespace()
            switch peek {
            case UInt8(ascii: ","): index += 1
            case UInt8(ascii: "}"):
                index += 1
                return members
            default: throw failure("expected , or }")
            }
        }
    }

    /// The text of the value at `index` (nil for `null`).
    mutating func parseValueText() throws(MatchingError) -> String? {
        switch peek {
        case UInt8(ascii: "\""):
            return try parseString()
        case UInt8(ascii: "n"):
            try skipLiteral("null")
            return nil
        default:
            let start = index
            try skipValue()
            return String(decoding: bytes[start..<index], as: UTF8.self)
        }
    }

    /// Skips one JSON value of any kind at `index`, checking its syntax.
    mutating func skipValue() throws(MatchingError) {
        var closers: [UInt8] = []
        while true {
            skipWhitespace()
            // One value (or the opening of a container).
            switch peek {
            case UInt8(ascii: "{"):
                index += 1
                skipWhitespace()
                if peek == UInt8(ascii: "}") {
                    index += 1
                } else {
                    closers.append(UInt8(ascii: "}"))
                    try skipKeyAndColon()
                    continue
                }
            case UInt8(ascii: "["):
                index += 1
                skipWhitespace()
                if peek == UInt8(ascii: "]") {
                    index += 1
                } else {
                    closers.append(UInt8(ascii: "]"))
                    continue
                }
            case UInt8(ascii: "\""): _ = try parseString()
            case UInt8(ascii: "t"): try skipLiteral("true")
            case UInt8(ascii: "f"): try skipLiteral("false")
            case UInt8(ascii: "n"): try skipLiteral("null")
            case nil: throw failure("missing value")
            default: try skipNumber()
            }
            // After a value: a separator, or closers.
            while true {
                guard let closer = closers.last else { return }
                skipWhitespace()
                if peek == UInt8(ascii: ",") {
                    index += 1
                    if closer == UInt8(ascii: "}") { try skipKeyAndColon() }
                    break
                }
                guard peek == closer else { throw failure("expected , or \(Character(Unicode.Scalar(closer)))") }
                index += 1
                closers.removeLast()
            }
        }
    }

    mutating func skipKeyAndColon() throws(MatchingError) {
        skipWhitespace()
        guard peek == UInt8(ascii: "\"") else { throw failure("expected a quoted key") }
        _ = try parseString()
        try expect(UInt8(ascii: ":"), ":")
    }

    mutating func skipLiteral(_ literal: String) throws(MatchingError) {
        for byte in literal.utf8 {
            guard peek == byte else { throw failure("invalid literal") }
            index += 1
        }
    }

    /// Skips `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`.
    mutating func skipNumber() throws(MatchingError) {
        func isDigit(_ byte: UInt8?) -> Bool {
            guard let byte else { return false }
            return byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
        }
        if peek == UInt8(ascii: "-") { index += 1 }
        guard isDigit(peek) else { throw failure("invalid value") }
        if peek == UInt8(ascii: "0") {
            index += 1
        } else {
            while isDigit(peek) { index += 1 }
        }
        if peek == UInt8(ascii: ".") {
            index += 1
            guard isDigit(peek) else { throw failure("invalid number") }
            while isDigit(peek) { index += 1 }
        }
        if peek == UInt8(ascii: "e") || peek == UInt8(ascii: "E") {
            index += 1
            if peek == UInt8(ascii: "+") || peek == UInt8(ascii: "-") { index += 1 }
            guard isDigit(peek) else { throw failure("invalid number") }
            while isDigit(peek) { index += 1 }
        }
    }

    /// Parses the string at `index` (which holds `"`), resolving escapes.
    mutating func parseString() throws(MatchingError) -> String {
        index += 1
        var output: [UInt8] = []
        while let byte = peek {
            index += 1
            switch byte {
            case UInt8(ascii: "\""):
                return String(decoding: output, as: UTF8.self)
            case UInt8(ascii: "\\"):
                guard let escape = peek else { break }
                index += 1
                switch escape {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): output.append(escape)
                case UInt8(ascii: "b"): output.append(0x08)
                case UInt8(ascii: "f"): output.append(0x0C)
                case UInt8(ascii: "n"): output.append(0x0A)
                case UInt8(ascii: "r"): output.append(0x0D)
                case UInt8(ascii: "t"): output.append(0x09)
                case UInt8(ascii: "u"): output.append(contentsOf: try parseUnicodeEscape())
                default: throw failure("invalid escape")
                }
            case 0x00..<0x20:
                throw failure("control character in a string")
            default:
                output.append(byte)
            }
        }
        throw failure("unterminated string")
    }

    /// The UTF-8 of the `\uXXXX` escape (with its low surrogate, if any) after `\u`.
    mutating func parseUnicodeEscape() throws(MatchingError) -> [UInt8] {
        let high = try parseHex4()
        var value = high
        if (0xD800...0xDBFF).contains(high) {
            guard peek == UInt8(ascii: "\\") else { throw failure("lone surrogate") }
            index += 1
            guard peek == UInt8(ascii: "u") else { throw failure("lone surrogate") }
            index += 1
            let low = try parseHex4()
            guard (0xDC00...0xDFFF).contains(low) else { throw failure("lone surrogate") }
            value = 0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00)
        }
        guard let scalar = Unicode.Scalar(value) else { throw failure("lone surrogate") }
        return Array(String(Character(scalar)).utf8)
    }

    mutating func parseHex4() throws(MatchingError) -> UInt32 {
        var value: UInt32 = 0
        for _ in 0..<4 {
            guard let byte = peek, let digit = CreativeID.lowerHexDigit(byte) else {
                throw failure("invalid \\u escape")
            }
            index += 1
            let nibble = digit <= UInt8(ascii: "9") ? digit - UInt8(ascii: "0") : digit - UInt8(ascii: "a") + 10
            value = value << 4 | UInt32(nibble)
        }
        return value
    }
}
