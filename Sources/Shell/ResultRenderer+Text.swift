import JSON
import Ledger

extension ResultRenderer {
    /// Makes line breaks (`↵`) and other control characters (their Unicode control pictures) visible,
    /// so one row stays one line and data cannot move the cursor.
    static func visible(_ text: String) -> String {
        guard text.utf8.contains(where: { $0 < 0x20 || $0 == 0x7F }) else { return text }
        var out = String.UnicodeScalarView()
        var previousWasCR = false
        for scalar in text.unicodeScalars {
            defer { previousWasCR = scalar == "\r" }
            switch scalar.value {
            case 0x0A: if !previousWasCR { out.append("↵") }
            case 0x0D: out.append("↵")
            case 0x00..<0x20: out.append(Unicode.Scalar(0x2400 + scalar.value) ?? "?")
            case 0x7F: out.append("\u{2421}")
            default: out.append(scalar)
            }
        }
        return String(out)
    }

    /// One CSV field, quoted when it holds a comma, quote, line break, or leading/trailing space.
    static func csvField(_ text: String) -> String {
        var line = ByteBuffer()
        var text = text
        text.withUTF8 { appendCSVField(UnsafeRawBufferPointer($0), to: &line) }
        return line.withBytes { String(decoding: $0, as: UTF8.self) }
    }

    /// A JSON string literal: quotes, backslashes and control characters escaped, the rest as is.
    static func jsonString(_ text: String) -> String {
        if !text.utf8.contains(where: { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C }) { return "\"" + text + "\"" }
        return JSONValue.string(text).canonicalText
    }
}
