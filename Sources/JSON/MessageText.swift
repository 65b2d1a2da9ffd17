/// User-supplied text shown inside a one-line error message.
public enum MessageText {
    /// `text` in double quotes with quotes, backslashes, control characters and line or paragraph
    /// separators escaped (`\n`, `\u{2028}`), so a message that quotes it stays on one line; text
    /// longer than `limit` characters is cut, and `…` follows the closing quote.
    public static func quoted(_ text: String, limit: Int = 80) -> String {
        let cut = text.count > limit
        var out = "\""
        for scalar in (cut ? Substring(text.prefix(limit)) : Substring(text)).unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                switch scalar.properties.generalCategory {
                case .control, .lineSeparator, .paragraphSeparator:
                    out += "\\u{\(String(scalar.value, radix: 16))}"
                default:
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + (cut ? "\"…" : "\"")
    }
}
