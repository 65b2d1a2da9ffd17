extension JSONValue {
    /// The canonical text: object keys sorted by their UTF-8 bytes, no insignificant whitespace,
    /// numbers as received, strings with only `"`, `\` and control characters escaped.
    ///
    /// Two rows with the same content always give the same bytes, so the bytes can be hashed.
    public var canonicalBytes: [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(1024)
        appendCanonical(to: &out)
        return out
    }

    /// The canonical text as a string (see ``canonicalBytes``).
    public var canonicalText: String { String(decoding: canonicalBytes, as: UTF8.self) }

    private func appendCanonical(to out: inout [UInt8]) {
        switch self {
        case .null: Self.appendASCII("null", to: &out)
        case .bool(let b): Self.appendASCII(b ? "true" : "false", to: &out)
        case .number(let n): Self.appendUTF8(of: n, to: &out)
        case .string(let s): Self.appendQuoted(s, to: &out)
        case .array(let elements):
            out.append(UInt8(ascii: "["))
            for i in elements.indices {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                elements[i].appendCanonical(to: &out)
            }
            out.append(UInt8(ascii: "]"))
        case .object(let members):
            out.append(UInt8(ascii: "{"))
            if members.count < 2 {
                for member in members { Self.appendMember(member, to: &out) }
            } else {
                Self.appendSorted(members, to: &out)
            }
            out.append(UInt8(ascii: "}"))
        }
    }

    private static func appendMember(_ member: (key: String, value: JSONValue), to out: inout [UInt8]) {
        appendQuoted(member.key, to: &out)
        out.append(UInt8(ascii: ":"))
        member.value.appendCanonical(to: &out)
    }

    /// A member's place in the sorted order: its key's first 8 bytes as a big-endian number (zero
    /// padded), so most comparisons are one integer compare; ties fall back to ``utf8Less(_:_:)``.
    private struct SortKey {
        var prefix: UInt64
        var index: Int
    }

    private static func appendSorted(_ members: [(key: String, value: JSONValue)], to out: inout [UInt8]) {
        withUnsafeTemporaryAllocation(of: SortKey.self, capacity: members.count) { keys in
            var sorted = true
            for i in members.indices {
                let key = SortKey(prefix: prefix(of: members[i].key), index: i)
                keys.initializeElement(at: i, to: key)
                if i > 0, sorted, !less(keys[i - 1], key, members) { sorted = false }
            }
            if !sorted {
                // Insertion sort: objects are small, and keys are unique so the order is total.
                for i in 1..<members.count {
                    let key = keys[i]
                    var j = i
                    while j > 0, less(key, keys[j - 1], members) {
                        keys[j] = keys[j - 1]
                        j -= 1
                    }
                    keys[j] = key
                }
            }
            for i in members.indices {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                appendMember(members[keys[i].index], to: &out)
            }
            keys.baseAddress!.deinitialize(count: members.count)
        }
    }

    private static func less(_ a: SortKey, _ b: SortKey, _ members: [(key: String, value: JSONValue)]) -> Bool {
        if a.prefix != b.prefix { return a.prefix < b.prefix }
        return utf8Less(members[a.index].key, members[b.index].key)
    }

    private static func prefix(of key: String) -> UInt64 {
        var prefix: UInt64 = 0
        var shift: UInt64 = 56
        for byte in key.utf8 {
            prefix |= UInt64(byte) << shift
            if shift == 0 { break }
            shift -= 8
        }
        return prefix
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)

    /// Byte-wise UTF-8 order (not Unicode collation).
    static func utf8Less(_ a: String, _ b: String) -> Bool {
        a.utf8.lexicographicallyPrecedes(b.utf8)
    }

    private static func appendASCII(_ literal: StaticString, to out: inout [UInt8]) {
        out.append(contentsOf: UnsafeBufferPointer(start: literal.utf8Start, count: literal.utf8CodeUnitCount))
    }

    private static func appendUTF8(of string: String, to out: inout [UInt8]) {
        var string = string
        string.withUTF8 { out.append(contentsOf: $0) }
    }

    static func appendQuoted(_ string: String, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        var copy = string
        copy.withUTF8 { bytes in
            var runStart = 0
            for i in 0..<bytes.count {
                let byte = bytes[i]
                guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else { continue }
                out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<i]))
                runStart = i + 1
                switch byte {
                case UInt8(ascii: "\""): out.append(0x5C); out.append(0x22)
                case UInt8(ascii: "\\"): out.append(0x5C); out.append(0x5C)
                case 0x0A: out.append(0x5C); out.append(UInt8(ascii: "n"))
                case 0x0D: out.append(0x5C); out.append(UInt8(ascii: "r"))
                case 0x09: out.append(0x5C); out.append(UInt8(ascii: "t"))
                default:
                    out.append(0x5C); out.append(UInt8(ascii: "u")); out.append(0x30); out.append(0x30)
                    out.append(hexDigits[Int(byte >> 4)])
                    out.append(hexDigits[Int(byte & 0xF)])
                }
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<bytes.count]))
        }
        out.append(UInt8(ascii: "\""))
    }
}
