/// Checks on stored text bytes before they are written: ASCII passes as is, anything else is read the way
/// `String(decoding:as:)` reads it (invalid sequences become U+FFFD), so bytes and `String` paths agree.
enum UTF8Text {
    /// True when every byte is below 0x80.
    static func isASCII(_ raw: UnsafeRawBufferPointer) -> Bool {
        var index = 0
        let count = raw.count
        while index + 8 <= count {
            if raw.loadUnaligned(fromByteOffset: index, as: UInt64.self) & 0x8080_8080_8080_8080 != 0 { return false }
            index += 8
        }
        while index < count {
            if raw[index] >= 0x80 { return false }
            index += 1
        }
        return true
    }

    /// True when a byte is a C0 control or DEL (what ``ResultRenderer/visible(_:)`` replaces).
    static func hasControl(_ raw: UnsafeRawBufferPointer) -> Bool {
        raw.contains { $0 < 0x20 || $0 == 0x7F }
    }

    /// Calls `body` with `raw` as valid UTF-8 and whether it is all ASCII: `raw` itself when ASCII, else
    /// its `String(decoding:as:)` spelling.
    static func withValid<R>(_ raw: UnsafeRawBufferPointer, _ body: (UnsafeRawBufferPointer, _ isASCII: Bool) -> R)
        -> R
    {
        if isASCII(raw) { return body(raw, true) }
        var text = String(decoding: raw, as: UTF8.self)
        return text.withUTF8 { body(UnsafeRawBufferPointer($0), false) }
    }
}
