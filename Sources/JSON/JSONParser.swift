/// A strict RFC 8259 JSON reader over UTF-8 bytes that keeps number lexemes.
///
/// Rejects duplicate object keys, invalid UTF-8, lone surrogates and nesting deeper than
/// `maxDepth`, so hostile input gets an error rather than a crash.
public struct JSONParser {
    let bytes: UnsafeBufferPointer<UInt8>
    var index = 0
    private let maxDepth: Int
    /// Fingerprints of the keys of the objects being read, innermost object last (see `keyPrint`).
    private var keyPrints: [UInt64] = []

    /// Parses one JSON text (surrounding whitespace allowed).
    public static func parse(_ bytes: some Sequence<UInt8>, maxDepth: Int = 256) throws(JSONError) -> JSONValue {
        let result = bytes.withContiguousStorageIfAvailable { parse(buffer: $0, maxDepth: maxDepth) }
        return try (result ?? Array(bytes).withUnsafeBufferPointer { parse(buffer: $0, maxDepth: maxDepth) }).get()
    }

    /// Parses one JSON text held in an array (the fast path: no copy).
    public static func parse(_ bytes: [UInt8], maxDepth: Int = 256) throws(JSONError) -> JSONValue {
        try bytes.withUnsafeBufferPointer { parse(buffer: $0, maxDepth: maxDepth) }.get()
    }

    /// Parses one JSON text given as a string.
    public static func parse(_ text: String, maxDepth: Int = 256) throws(JSONError) -> JSONValue {
        var text = text
        return try text.withUTF8 { parse(buffer: $0, maxDepth: maxDepth) }.get()
    }

    private static func parse(buffer: UnsafeBufferPointer<UInt8>, maxDepth: Int) -> Result<JSONValue, JSONError> {
        var parser = JSONParser(bytes: buffer, maxDepth: maxDepth)
        do throws(JSONError) {
            parser.skipWhitespace()
            let value = try parser.parseValue(depth: 0)
            parser.skipWhitespace()
            guard parser.index == buffer.count else {
                throw JSONError(reason: "unexpected data after the value", offset: parser.index)
            }
            return .success(value)
        } catch {
            return .failure(error)
        }
    }

    init(bytes: UnsafeBufferPointer<UInt8>, maxDepth: Int) {
        self.bytes = bytes
        self.maxDepth = maxDepth
    }

    mutating func skipWhitespace() {
        while index < bytes.count {
            switch bytes[index] {
            case 0x20, 0x09, 0x0A, 0x0D: index += 1
            default: return
            }
        }
    }

    func fail(_ reason: String) -> JSONError { JSONError(reason: reason, offset: index) }

    mutating func parseValue(depth: Int) throws(JSONError) -> JSONValue {
        guard depth <= maxDepth else { throw fail("nesting deeper than \(maxDepth)") }
        guard index < bytes.count else { throw fail("unexpected end of input") }
        switch bytes[index] {
        case UInt8(ascii: "{"): return try parseObject(depth: depth)
        case UInt8(ascii: "["): return try parseArray(depth: depth)
        case UInt8(ascii: "\""): return .string(try parseString().text)
        case UInt8(ascii: "t"):
            try expectLiteral("true")
            return .bool(true)
        case UInt8(ascii: "f"):
            try expectLiteral("false")
            return .bool(false)
        case UInt8(ascii: "n"):
            try expectLiteral("null")
            return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number(try parseNumber())
        default: throw fail("unexpected character")
        }
    }

    mutating func expectLiteral(_ literal: StaticString) throws(JSONError) {
        let count = literal.utf8CodeUnitCount
        guard index + count <= bytes.count else { throw fail("unexpected end of input") }
        let expected = UnsafeBufferPointer(start: literal.utf8Start, count: count)
        for offset in 0..<count where bytes[index + offset] != expected[offset] {
            throw fail("invalid literal")
        }
        index += count
    }

    private mutating func parseObject(depth: Int) throws(JSONError) -> JSONValue {
        index += 1
        skipWhitespace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "}") {
            index += 1
            return .object([])
        }
        var members: [(key: String, value: JSONValue)] = []
        members.reserveCapacity(4)
        let printsStart = keyPrints.count
        defer { keyPrints.removeSubrange(printsStart...) }
        while true {
            skipWhitespace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { throw fail("expected a key") }
            let keyOffset = index
            let (key, print) = try parseString()
            try checkUnique(key, print: print, among: members, printsStart: printsStart, offset: keyOffset)
            keyPrints.append(print)
            try skipColon()
            members.append((key, try parseValue(depth: depth + 1)))
            if try skipSeparator(closing: UInt8(ascii: "}")) { return .object(members) }
        }
    }

    /// Moves past the `:` after a key (and the whitespace around it).
    @inline(__always)
    mutating func skipColon() throws(JSONError) {
        skipWhitespace()
        guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { throw fail("expected ':'") }
        index += 1
        skipWhitespace()
    }

    /// Moves past what follows a member or element: true after `closer` (`}` or `]`), which ends the
    /// container, false after a `,`.
    @inline(__always)
    mutating func skipSeparator(closing closer: UInt8) throws(JSONError) -> Bool {
        skipWhitespace()
        let inObject = closer == UInt8(ascii: "}")
        guard index < bytes.count else { throw fail(inObject ? "unterminated object" : "unterminated array") }
        if bytes[index] == UInt8(ascii: ",") {
            index += 1
            return false
        }
        guard bytes[index] == closer else { throw fail(inObject ? "expected ',' or '}'" : "expected ',' or ']'") }
        index += 1
        return true
    }

    /// Throws when `key` equals (as Swift compares strings) a key already in `members`.
    ///
    /// Two ASCII keys are equal only when their bytes are, so their fingerprints settle most pairs
    /// without a string comparison; a pair involving a non-ASCII key is always compared as strings
    /// (canonically equivalent spellings, such as U+212A and "K", are the same key).
    private func checkUnique(
        _ key: String, print: UInt64, among members: [(key: String, value: JSONValue)], printsStart: Int, offset: Int
    ) throws(JSONError) {
        for i in 0..<members.count {
            let other = keyPrints[printsStart + i]
            if other != print, other != Self.nonASCIIPrint, print != Self.nonASCIIPrint { continue }
            if members[i].key == key {
                throw JSONError(reason: "duplicate key \(MessageText.quoted(key))", offset: offset)
            }
        }
    }

    private mutating func parseArray(depth: Int) throws(JSONError) -> JSONValue {
        index += 1
        skipWhitespace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "]") {
            index += 1
            return .array([])
        }
        var elements: [JSONValue] = []
        elements.reserveCapacity(4)
        while true {
            skipWhitespace()
            elements.append(try parseValue(depth: depth + 1))
            if try skipSeparator(closing: UInt8(ascii: "]")) { return .array(elements) }
        }
    }

    mutating func parseNumber() throws(JSONError) -> String {
        let start = index
        if bytes[index] == UInt8(ascii: "-") { index += 1 }
        guard index < bytes.count, isDigit(bytes[index]) else { throw fail("invalid number") }
        if bytes[index] == UInt8(ascii: "0") {
            index += 1
        } else {
            while index < bytes.count, isDigit(bytes[index]) { index += 1 }
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            guard index < bytes.count, isDigit(bytes[index]) else { throw fail("invalid number") }
            while index < bytes.count, isDigit(bytes[index]) { index += 1 }
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
            index += 1
            if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") {
                index += 1
            }
            guard index < bytes.count, isDigit(bytes[index]) else { throw fail("invalid number") }
            while index < bytes.count, isDigit(bytes[index]) { index += 1 }
        }
        // Only ASCII digits, signs, '.' and 'e' were read: nothing to validate.
        return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
    }

    private func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }

    /// The fingerprint of a key with a non-ASCII byte: compare it with every other key as a string.
    private static let nonASCIIPrint: UInt64 = 0

    /// A fingerprint of an ASCII key's bytes (never `nonASCIIPrint`); equal keys have equal prints. Mixes eight
    /// bytes at a time (a multiply and a rotate per word), then the last few one by one, and the length.
    private static func keyPrint(_ text: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325 ^ UInt64(text.count)
        guard let base = text.baseAddress else { return hash | 1 }
        var i = 0
        while i + 8 <= text.count {
            let word = UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)
            hash = ((hash ^ word) &* 0x9E37_79B9_7F4A_7C15)
            hash ^= hash >> 29
            i += 8
        }
        while i < text.count {
            hash = (hash ^ UInt64(base[i])) &* 0x100_0000_01b3
            i += 1
        }
        return hash | 1
    }

    /// Reads a string; returns its text and its key fingerprint (`nonASCIIPrint` unless all ASCII).
    mutating func parseString() throws(JSONError) -> (text: String, print: UInt64) {
        index += 1
        // Fast path: no escape or control character before the closing quote — one scan, one copy.
        let start = index
        let (end, high) = JSONBytes.plainRun(in: bytes, from: start)
        if end < bytes.count, bytes[end] == UInt8(ascii: "\"") {
            let run = UnsafeBufferPointer(rebasing: bytes[start..<end])
            index = end + 1
            if high < 0x80 {
                return (String(decoding: run, as: UTF8.self), Self.keyPrint(run))
            }
            guard UTF8Validation.isValid(run) else { throw fail("invalid UTF-8 in string") }
            return (String(decoding: run, as: UTF8.self), Self.nonASCIIPrint)
        }
        var out: [UInt8] = []
        out.reserveCapacity(end - start + 16)
        var runStart = index
        while true {
            guard index < bytes.count else { throw fail("unterminated string") }
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<index]))
                index += 1
                break
            }
            if byte < 0x20 { throw fail("control character in string") }
            if byte == UInt8(ascii: "\\") {
                out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<index]))
                try parseEscape(into: &out)
                runStart = index
                continue
            }
            index += 1
        }
        return try out.withUnsafeBufferPointer { (decoded) throws(JSONError) -> (text: String, print: UInt64) in
            guard UTF8Validation.isValid(decoded) else { throw fail("invalid UTF-8 in string") }
            let text = String(decoding: decoded, as: UTF8.self)
            return (text, decoded.allSatisfy { $0 < 0x80 } ? Self.keyPrint(decoded) : Self.nonASCIIPrint)
        }
    }

    private mutating func parseEscape(into out: inout [UInt8]) throws(JSONError) {
        index += 1
        guard index < bytes.count else { throw fail("unterminated escape") }
        let code = bytes[index]
        index += 1
        switch code {
        case UInt8(ascii: "\""): out.append(0x22)
        case UInt8(ascii: "\\"): out.append(0x5C)
        case UInt8(ascii: "/"): out.append(0x2F)
        case UInt8(ascii: "b"): out.append(0x08)
        case UInt8(ascii: "f"): out.append(0x0C)
        case UInt8(ascii: "n"): out.append(0x0A)
        case UInt8(ascii: "r"): out.append(0x0D)
        case UInt8(ascii: "t"): out.append(0x09)
        case UInt8(ascii: "u"):
            var scalar = try parseHex4()
            if (0xD800...0xDBFF).contains(scalar) {
                guard index + 1 < bytes.count, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u")
                else { throw fail("lone surrogate") }
                index += 2
                let low = try parseHex4()
                guard (0xDC00...0xDFFF).contains(low) else { throw fail("lone surrogate") }
                scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
            } else if (0xDC00...0xDFFF).contains(scalar) {
                throw fail("lone surrogate")
            }
            guard let unicode = Unicode.Scalar(scalar) else { throw fail("invalid escape") }
            UTF8.encode(unicode) { out.append($0) }
        default:
            throw fail("invalid escape")
        }
    }

    private mutating func parseHex4() throws(JSONError) -> UInt32 {
        guard index + 4 <= bytes.count else { throw fail("truncated \\u escape") }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let byte = bytes[index]
            let digit: UInt32
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(byte - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt32(byte - UInt8(ascii: "a") + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = UInt32(byte - UInt8(ascii: "A") + 10)
            default: throw fail("invalid \\u escape")
            }
            value = value << 4 | digit
            index += 1
        }
        return value
    }
}
