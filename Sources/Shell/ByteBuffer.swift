/// Output bytes being built (a line, a row, a held table), appended to in place without `String`s.
struct ByteBuffer {
    private(set) var bytes: [UInt8] = []

    var count: Int { bytes.count }

    mutating func reserve(_ capacity: Int) { bytes.reserveCapacity(capacity) }

    mutating func removeAll() { bytes.removeAll(keepingCapacity: true) }

    mutating func append(_ byte: UInt8) { bytes.append(byte) }

    mutating func append(_ raw: UnsafeRawBufferPointer) { bytes.append(contentsOf: raw) }

    mutating func append(_ other: [UInt8]) { bytes.append(contentsOf: other) }

    mutating func append(_ text: String) { bytes.append(contentsOf: text.utf8) }

    /// Appends `count` copies of `byte` (padding, rules).
    mutating func append(_ byte: UInt8, count: Int) {
        guard count > 0 else { return }
        bytes.append(contentsOf: repeatElement(byte, count: count))
    }

    /// Appends `value` in decimal, as `String(value)` spells it.
    mutating func appendDecimal(_ value: Int64) {
        var magnitude = value.magnitude
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { digits in
            var start = 20
            repeat {
                start -= 1
                digits[start] = 0x30 + UInt8(magnitude % 10)
                magnitude /= 10
            } while magnitude > 0
            if value < 0 { bytes.append(0x2D) }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: digits[start..<20]))
        }
    }

    /// Appends `raw` with every `target` byte preceded by `escape` (`|` → `\|`, `"` → `""`).
    mutating func append(_ raw: UnsafeRawBufferPointer, escaping target: UInt8, with escape: UInt8) {
        for byte in raw {
            if byte == target { bytes.append(escape) }
            bytes.append(byte)
        }
    }

    /// Drops the spaces that end the text after `start`, as `String`'s `while last == " " { removeLast() }`
    /// does: byte-wise, unless a non-ASCII scalar precedes them (a prepended mark could hold the first
    /// space in its grapheme cluster), when it asks `String`.
    mutating func trimTrailingSpaces(after start: Int) {
        var end = bytes.count
        while end > start, bytes[end - 1] == 0x20 { end -= 1 }
        guard end < bytes.count else { return }
        if end == start || bytes[end - 1] < 0x80 {
            bytes.removeSubrange(end...)
            return
        }
        var text = String(decoding: bytes[start...], as: UTF8.self)
        while text.last == " " { text.removeLast() }
        bytes.removeSubrange(start...)
        bytes.append(contentsOf: text.utf8)
    }

    /// Calls `body` with the bytes.
    func withBytes<R>(_ body: (UnsafeRawBufferPointer) -> R) -> R { bytes.withUnsafeBytes(body) }

    /// Calls `body` with the bytes in `range`.
    func withBytes<R>(in range: Range<Int>, _ body: (UnsafeRawBufferPointer) -> R) -> R {
        bytes.withUnsafeBytes { body(UnsafeRawBufferPointer(rebasing: $0[range])) }
    }
}
