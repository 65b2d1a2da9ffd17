/// One parsed HTTP/1.1 request.
struct StandInHTTPRequest: Sendable {
    /// `GET`, `POST`, …
    let method: String
    /// The path without the query.
    let path: String
    /// Query items then form fields, decoded, in order (the token included).
    let parameters: [(String, String)]
    /// Header names lower-cased.
    let headers: [String: String]

    /// Whether the client asked to close the connection after this request.
    var wantsClose: Bool { headers["connection"]?.lowercased() == "close" }

    /// The first value of parameter `name`.
    func parameter(_ name: String) -> String? { parameters.first { $0.0 == name }?.1 }

    /// Decodes `a=1&b=%20` (`+` as space).
    static func decode(_ query: Substring) -> [(String, String)] {
        query.split(separator: "&").map { pair in
            guard let equals = pair.firstIndex(of: "=") else { return (percentDecode(pair), "") }
            return (percentDecode(pair[..<equals]), percentDecode(pair[pair.index(after: equals)...]))
        }
    }

    static func percentDecode(_ text: Substring) -> String {
        let source = Array(text.utf8)
        var bytes: [UInt8] = []
        var index = 0
        while index < source.count {
            if source[index] == UInt8(ascii: "%"), index + 2 < source.count,
                let value = UInt8(String(decoding: source[(index + 1)...(index + 2)], as: UTF8.self), radix: 16)
            {
                bytes.append(value)
                index += 3
            } else {
                bytes.append(source[index] == UInt8(ascii: "+") ? UInt8(ascii: " ") : source[index])
                index += 1
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Percent-encodes all but RFC 3986 unreserved characters.
    static func percentEncode(_ text: String) -> String {
        var result = ""
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
                UInt8(ascii: "~"):
                result.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                let hex = String(byte, radix: 16, uppercase: true)
                result += "%" + (hex.count == 1 ? "0" : "") + hex
            }
        }
        return result
    }
}
