#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A forward reader over canonical JSON bytes (see ``JSONValue/canonicalBytes``) that materialises nothing it is
/// not asked for: a caller walks the members it wants and skips the rest, which is only scanned.
///
/// It vouches only for bytes ``JSONParser`` would accept as they are: every step checks the syntax of what it
/// passes over (strings for UTF-8, escapes and control characters, numbers for their grammar). It accepts less
/// than the parser: no whitespace, object keys plain ASCII without escapes and in strictly increasing byte order
/// (so no key repeats), nesting at most ``maxDepth`` deep. A step that meets anything else returns nil (or false):
/// the scanner is not sure, and the caller reads the bytes with ``JSONParser`` instead, which gives the value or
/// the exact error.
package struct CanonicalScanner {
    /// The deepest nesting the scanner follows; deeper values are left to the parser.
    package static let maxDepth = 32

    private let bytes: UnsafeBufferPointer<UInt8>
    /// The bytes are known to be canonical JSON (what ``RawCanonicalizer`` or ``JSONValue/canonicalBytes`` wrote,
    /// every byte checked on the way): ``nextKey(_:)`` and ``skipValue(depth:)`` then take the steps that check
    /// nothing again (``nextKnownKey(_:)``, ``skipKnownValue()``). The readers of values check what they read either
    /// way.
    private let known: Bool
    /// The offset of the next byte to read.
    package private(set) var index = 0

    /// Where an object's members stand: nothing read yet, or the last key read (for the order check).
    package struct ObjectCursor {
        fileprivate var previous: Range<Int>?
        package init() {}
    }

    /// Where an array's elements stand.
    package struct ArrayCursor {
        fileprivate var started = false
        package init() {}
    }

    /// What follows in an object: a key (the scanner stands at its value), or the closing `}` (consumed).
    package enum ObjectStep {
        case key(UnsafeBufferPointer<UInt8>)
        case end
    }

    /// A scanner at the start of `bytes` (which must outlive it); `known`: see ``known``.
    package init(_ bytes: UnsafeBufferPointer<UInt8>, known: Bool = false) {
        self.bytes = bytes
        self.known = known
    }

    /// Whether every byte has been read.
    package var isAtEnd: Bool { index == bytes.count }

    /// The next byte, nil at the end.
    package var nextByte: UInt8? { index < bytes.count ? bytes[index] : nil }

    /// Consumes `{`; false when the next value is not an object.
    package mutating func enterObject() -> Bool {
        guard nextByte == UInt8(ascii: "{") else { return false }
        index += 1
        return true
    }

    /// Consumes `[`; false when the next value is not an array.
    package mutating func enterArray() -> Bool {
        guard nextByte == UInt8(ascii: "[") else { return false }
        index += 1
        return true
    }

    /// The next key of the object entered last (its bytes, the scanner then at the member's value), or `.end` after
    /// its `}`; nil when unsure (bad syntax, a key with an escape or a non-ASCII byte, a key not above the last).
    package mutating func nextKey(_ cursor: inout ObjectCursor) -> ObjectStep? {
        nextKey(&cursor, checksOrder: !known)
    }

    /// ``nextKey(_:)``, checking the key is above the one before when `checksOrder`.
    private mutating func nextKey(_ cursor: inout ObjectCursor, checksOrder: Bool) -> ObjectStep? {
        guard let byte = nextByte else { return nil }
        if byte == UInt8(ascii: "}") {
            index += 1
            return .end
        }
        if cursor.previous != nil {
            guard byte == UInt8(ascii: ",") else { return nil }
            index += 1
        }
        guard nextByte == UInt8(ascii: "\"") else { return nil }
        let start = index + 1
        let (end, high) = JSONBytes.plainRun(in: bytes, from: start)
        guard end < bytes.count, bytes[end] == UInt8(ascii: "\""), high < 0x80 else { return nil }
        if checksOrder, let previous = cursor.previous, !isAbove(start..<end, previous) { return nil }
        cursor.previous = start..<end
        index = end + 1
        guard nextByte == UInt8(ascii: ":") else { return nil }
        index += 1
        return .key(UnsafeBufferPointer(rebasing: bytes[start..<end]))
    }

    /// Whether the array entered last has another element (the scanner then stands at it), false after its `]`;
    /// nil when unsure.
    package mutating func nextElement(_ cursor: inout ArrayCursor) -> Bool? {
        guard let byte = nextByte else { return nil }
        if byte == UInt8(ascii: "]") {
            index += 1
            return false
        }
        if cursor.started {
            guard byte == UInt8(ascii: ",") else { return nil }
            index += 1
        }
        cursor.started = true
        return true
    }

    /// Reads a string value: its text exactly as ``JSONParser`` decodes it; nil when unsure or not a string.
    package mutating func readString() -> String? {
        guard nextByte == UInt8(ascii: "\"") else { return nil }
        let start = index + 1
        let (end, high) = JSONBytes.plainRun(in: bytes, from: start)
        guard end < bytes.count, bytes[end] == UInt8(ascii: "\"") else { return parseStringWithEscapes() }
        let run = UnsafeBufferPointer(rebasing: bytes[start..<end])
        if high >= 0x80, !UTF8Validation.isValid(run) { return nil }
        index = end + 1
        return String(decoding: run, as: UTF8.self)
    }

    /// A string value read without a copy when it can be: see ``readStringBytes()``.
    package enum StringBytes {
        /// A string of plain ASCII with no escape: its bytes are its text.
        case plain(UnsafeBufferPointer<UInt8>)
        /// Any other string, decoded as ``JSONParser`` decodes it.
        case decoded(String)
    }

    /// Reads a string value, copying nothing when it is plain ASCII; nil when unsure or not a string.
    package mutating func readStringBytes() -> StringBytes? {
        guard nextByte == UInt8(ascii: "\"") else { return nil }
        let start = index + 1
        let (end, high) = JSONBytes.plainRun(in: bytes, from: start)
        guard end < bytes.count, bytes[end] == UInt8(ascii: "\""), high < 0x80 else {
            return readString().map(StringBytes.decoded)
        }
        index = end + 1
        return .plain(UnsafeBufferPointer(rebasing: bytes[start..<end]))
    }

    /// Reads a number: its lexeme; nil when unsure or not a number.
    package mutating func readNumber() -> String? {
        readNumberBytes().map { String(decoding: $0, as: UTF8.self) }
    }

    /// Reads a number: its lexeme's bytes, copying nothing; nil when unsure or not a number.
    package mutating func readNumberBytes() -> UnsafeBufferPointer<UInt8>? {
        let start = index
        guard skipNumber() else { return nil }
        return UnsafeBufferPointer(rebasing: bytes[start..<index])
    }

    /// Reads a scalar as ``JSONValue`` (string, number, `true`, `false`, `null`); an array or object is skipped and
    /// stands as an empty one of its kind. Nil when unsure.
    package mutating func readScalarOrPlaceholder() -> JSONValue? {
        guard let byte = nextByte else { return nil }
        switch byte {
        case UInt8(ascii: "\""): return readString().map(JSONValue.string)
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return readNumber().map(JSONValue.number)
        case UInt8(ascii: "t"): return skipLiteral("true") ? .bool(true) : nil
        case UInt8(ascii: "f"): return skipLiteral("false") ? .bool(false) : nil
        case UInt8(ascii: "n"): return skipLiteral("null") ? .null : nil
        case UInt8(ascii: "["): return skipValue() ? .array([]) : nil
        case UInt8(ascii: "{"): return skipValue() ? .object([]) : nil
        default: return nil
        }
    }

    /// Checks and passes over one value of any kind, `depth` levels inside the text; false when unsure.
    package mutating func skipValue(depth: Int = 1) -> Bool {
        if known { return skipKnownValue() }
        guard let byte = nextByte else { return false }
        switch byte {
        case UInt8(ascii: "\""): return skipString()
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return skipNumber()
        case UInt8(ascii: "t"): return skipLiteral("true")
        case UInt8(ascii: "f"): return skipLiteral("false")
        case UInt8(ascii: "n"): return skipLiteral("null")
        case UInt8(ascii: "{"):
            guard depth < Self.maxDepth else { return false }
            index += 1
            var cursor = ObjectCursor()
            while true {
                switch nextKey(&cursor) {
                case nil: return false
                case .end: return true
                case .key: guard skipValue(depth: depth + 1) else { return false }
                }
            }
        case UInt8(ascii: "["):
            guard depth < Self.maxDepth else { return false }
            index += 1
            var cursor = ArrayCursor()
            while true {
                switch nextElement(&cursor) {
                case nil: return false
                case false: return true
                case true: guard skipValue(depth: depth + 1) else { return false }
                }
            }
        default: return false
        }
    }

    private mutating func skipString() -> Bool {
        let start = index + 1
        let (end, high) = JSONBytes.plainRun(in: bytes, from: start)
        guard end < bytes.count, bytes[end] == UInt8(ascii: "\"") else { return parseStringWithEscapes() != nil }
        if high >= 0x80, !UTF8Validation.isValid(UnsafeBufferPointer(rebasing: bytes[start..<end])) { return false }
        index = end + 1
        return true
    }

    /// A string with an escape or a control character: ``JSONParser`` decodes it (or rejects it: nil).
    private mutating func parseStringWithEscapes() -> String? {
        var parser = JSONParser(bytes: bytes, maxDepth: 0)
        parser.index = index
        guard let text = try? parser.parseString().text else { return nil }
        index = parser.index
        return text
    }

    /// The number grammar of ``JSONParser/parseNumber()``, without keeping the lexeme.
    private mutating func skipNumber() -> Bool {
        guard let end = JSONBytes.numberEnd(in: bytes, from: index) else { return false }
        index = end
        return true
    }

    private mutating func skipLiteral(_ literal: StaticString) -> Bool {
        guard JSONBytes.matches(literal, in: bytes, at: index) else { return false }
        index += literal.utf8CodeUnitCount
        return true
    }

    // MARK: bytes known to be canonical

    /// The next key, as ``nextKey(_:)`` reads it, of bytes known to be canonical JSON (what ``RawCanonicalizer``
    /// wrote, having checked every byte of its input): the key order is not checked again. Nil when unsure (a key
    /// with an escape, a control or a non-ASCII byte, or bytes that are not canonical after all).
    package mutating func nextKnownKey(_ cursor: inout ObjectCursor) -> ObjectStep? {
        nextKey(&cursor, checksOrder: false)
    }

    /// Passes over one value of bytes known to be canonical JSON (see ``nextKnownKey(_:)``), following only strings
    /// (to their closing quote, found by `memchr`: a byte loop took a quarter more instructions) and brackets: a
    /// fraction of the work of ``skipValue(depth:)``, which checks every byte again. False when it runs off the end,
    /// or finds no value.
    package mutating func skipKnownValue() -> Bool {
        guard let base = bytes.baseAddress else { return false }
        let count = bytes.count
        var at = index
        var depth = 0
        while at < count {
            switch base[at] {
            case UInt8(ascii: "\""):
                guard let end = Self.closingQuote(base, from: at + 1, count: count) else { return false }
                at = end + 1
                if depth == 0 { return finish(at) }
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                depth += 1
                at += 1
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                // Past the value's last member or element, or (at depth 0) the end of a scalar.
                guard depth > 0 else { return finish(at) }
                depth -= 1
                at += 1
                if depth == 0 { return finish(at) }
            case UInt8(ascii: ","):
                if depth == 0 { return finish(at) }
                at += 1
            default:
                at += 1
            }
        }
        return depth == 0 && finish(at)
    }

    /// Ends a skip at `end`: false when it passed over nothing.
    private mutating func finish(_ end: Int) -> Bool {
        guard end > index else { return false }
        index = end
        return true
    }

    /// The offset of the quote that closes the string whose text starts at `start` (a quote after an even run of
    /// backslashes), or nil when there is none.
    private static func closingQuote(_ base: UnsafePointer<UInt8>, from start: Int, count: Int) -> Int? {
        var from = start
        while from < count {
            guard let found = memchr(base + from, Int32(UInt8(ascii: "\"")), count - from) else { return nil }
            let quote = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
            var backslashes = 0
            while quote - backslashes - 1 >= start, base[quote - backslashes - 1] == UInt8(ascii: "\\") {
                backslashes += 1
            }
            if backslashes % 2 == 0 { return quote }
            from = quote + 1
        }
        return nil
    }

    /// Whether key `key` sorts strictly after `previous` by bytes (canonical order).
    private func isAbove(_ key: Range<Int>, _ previous: Range<Int>) -> Bool {
        let shared = min(key.count, previous.count)
        for offset in 0..<shared where bytes[key.lowerBound + offset] != bytes[previous.lowerBound + offset] {
            return bytes[key.lowerBound + offset] > bytes[previous.lowerBound + offset]
        }
        return key.count > previous.count
    }

    /// Byte equality of two buffers.
    package static func equal(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Bool {
        guard a.count == b.count else { return false }
        for i in 0..<a.count where a[i] != b[i] { return false }
        return true
    }

    /// Whether `a` holds exactly the bytes of `name`.
    package static func equal(_ a: UnsafeBufferPointer<UInt8>, _ name: StaticString) -> Bool {
        equal(a, UnsafeBufferPointer(start: name.utf8Start, count: name.utf8CodeUnitCount))
    }
}
