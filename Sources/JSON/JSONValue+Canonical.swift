extension JSONValue {
    /// The canonical text: object keys sorted by their UTF-8 bytes, no insignificant whitespace,
    /// numbers as received, strings with only `"`, `\` and control characters escaped.
    ///
    /// Two rows with the same content always give the same bytes, so the bytes can be hashed.
    public var canonicalBytes: [UInt8] {
        var writer = CanonicalWriter()
        writer.write(self)
        return writer.bytes()
    }

    /// The canonical text as a string (see ``canonicalBytes``).
    public var canonicalText: String {
        var writer = CanonicalWriter()
        writer.write(self)
        return writer.text()
    }

    /// Byte-wise UTF-8 order (not Unicode collation).
    static func utf8Less(_ a: String, _ b: String) -> Bool {
        var a = a
        var b = b
        return a.withUTF8 { x in
            b.withUTF8 { y in
                for i in 0..<min(x.count, y.count) where x[i] != y[i] { return x[i] < y[i] }
                return x.count < y.count
            }
        }
    }
}

/// Writes canonical JSON into a growing buffer it owns (cheaper per byte than appending to an array).
struct CanonicalWriter: ~Copyable {
    private var base: UnsafeMutablePointer<UInt8>
    /// How many bytes are written.
    private(set) var count = 0
    private var capacity: Int

    /// A writer with room for `capacity` bytes before it first grows.
    init(capacity: Int = 1024) {
        self.capacity = max(capacity, 16)
        base = .allocate(capacity: self.capacity)
    }

    deinit { base.deallocate() }

    /// The bytes written, as an array.
    func bytes() -> [UInt8] {
        [UInt8](unsafeUninitializedCapacity: count) { buffer, initialized in
            buffer.baseAddress?.initialize(from: base, count: count)
            initialized = count
        }
    }

    /// The bytes written, as a string (they are UTF-8: every input string was).
    func text() -> String {
        String(decoding: UnsafeBufferPointer(start: base, count: count), as: UTF8.self)
    }

    /// The bytes written from `start` on (valid until the next write).
    func written(from start: Int) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(start: base + start, count: count - start)
    }

    /// Drops the bytes written from `start` on.
    mutating func truncate(to start: Int) {
        count = min(count, start)
    }

    private mutating func reserve(_ extra: Int) {
        guard count + extra > capacity else { return }
        let newCapacity = max(capacity * 2, count + extra)
        let grown = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
        grown.initialize(from: base, count: count)
        base.deallocate()
        base = grown
        capacity = newCapacity
    }

    mutating func append(_ byte: UInt8) {
        reserve(1)
        base[count] = byte
        count += 1
    }

    mutating func append(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let source = bytes.baseAddress, !bytes.isEmpty else { return }
        reserve(bytes.count)
        (base + count).initialize(from: source, count: bytes.count)
        count += bytes.count
    }

    mutating func append(_ literal: StaticString) {
        append(UnsafeBufferPointer(start: literal.utf8Start, count: literal.utf8CodeUnitCount))
    }

    mutating func write(_ value: JSONValue) {
        switch value {
        case .null: append("null")
        case .bool(let b): append(b ? "true" : "false")
        case .number(let n):
            var n = n
            n.withUTF8 { append($0) }
        case .string(let s): writeQuoted(s)
        case .array(let elements):
            append(UInt8(ascii: "["))
            for i in elements.indices {
                if i > 0 { append(UInt8(ascii: ",")) }
                write(elements[i])
            }
            append(UInt8(ascii: "]"))
        case .object(let members):
            append(UInt8(ascii: "{"))
            if members.count < 2 {
                for member in members { writeMember(member) }
            } else {
                writeSorted(members)
            }
            append(UInt8(ascii: "}"))
        }
    }

    private mutating func writeMember(_ member: (key: String, value: JSONValue)) {
        writeQuoted(member.key)
        append(UInt8(ascii: ":"))
        write(member.value)
    }

    /// A member's place in the sorted order: its key's first 8 bytes as a big-endian number (zero
    /// padded), so most comparisons are one integer compare; ties fall back to `utf8Less`.
    private struct SortKey {
        var prefix: UInt64
        var index: Int
    }

    private mutating func writeSorted(_ members: [(key: String, value: JSONValue)]) {
        withUnsafeTemporaryAllocation(of: SortKey.self, capacity: members.count) { keys in
            var sorted = true
            for i in members.indices {
                let key = SortKey(prefix: Self.prefix(of: members[i].key), index: i)
                keys.initializeElement(at: i, to: key)
                if i > 0, sorted, !Self.less(keys[i - 1], key, members) { sorted = false }
            }
            if !sorted {
                // Insertion sort: objects are small, and keys are unique so the order is total.
                for i in 1..<members.count {
                    let key = keys[i]
                    var j = i
                    while j > 0, Self.less(key, keys[j - 1], members) {
                        keys[j] = keys[j - 1]
                        j -= 1
                    }
                    keys[j] = key
                }
            }
            for i in members.indices {
                if i > 0 { append(UInt8(ascii: ",")) }
                writeMember(members[keys[i].index])
            }
            keys.baseAddress!.deinitialize(count: members.count)
        }
    }

    private static func less(_ a: SortKey, _ b: SortKey, _ members: [(key: String, value: JSONValue)]) -> Bool {
        if a.prefix != b.prefix { return a.prefix < b.prefix }
        return JSONValue.utf8Less(members[a.index].key, members[b.index].key)
    }

    private static func prefix(of key: String) -> UInt64 {
        var key = key
        return key.withUTF8 { bytes in
            guard let start = bytes.baseAddress else { return 0 }
            if bytes.count >= 8 {
                return UInt64(bigEndian: UnsafeRawPointer(start).loadUnaligned(as: UInt64.self))
            }
            var prefix: UInt64 = 0
            for i in 0..<bytes.count { prefix |= UInt64(bytes[i]) << (56 - 8 * UInt64(i)) }
            return prefix
        }
    }

    private static let hexDigits: StaticString = "0123456789abcdef"

    mutating func writeQuoted(_ string: String) {
        append(UInt8(ascii: "\""))
        var string = string
        string.withUTF8 { bytes in
            var runStart = 0
            while true {
                let end = JSONBytes.plainRun(in: bytes, from: runStart).end
                append(UnsafeBufferPointer(rebasing: bytes[runStart..<end]))
                guard end < bytes.count else { break }
                let byte = bytes[end]
                runStart = end + 1
                switch byte {
                case UInt8(ascii: "\""): append(#"\""#)
                case UInt8(ascii: "\\"): append(#"\\"#)
                case 0x0A: append(#"\n"#)
                case 0x0D: append(#"\r"#)
                case 0x09: append(#"\t"#)
                default:
                    append(#"\u00"#)
                    let digits = Self.hexDigits.utf8Start
                    append(digits[Int(byte >> 4)])
                    append(digits[Int(byte & 0xF)])
                }
            }
        }
        append(UInt8(ascii: "\""))
    }
}
