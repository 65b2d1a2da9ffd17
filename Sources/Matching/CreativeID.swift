/// Creative ids: canonical UUIDs, and the 8-digit short ids derived from them.
public enum CreativeID {
    /// The lower-case form of `text` when it is a canonical `8-4-4-4-12` hexadecimal UUID (any
    /// case, no braces, no surrounding whitespace); nil otherwise.
    public static func normalized(_ text: String) -> String? {
        let bytes = Array(text.utf8)
        guard bytes.count == 36 else { return nil }
        var output: [UInt8] = []
        output.reserveCapacity(36)
        for (index, byte) in bytes.enumerated() {
            if index == 8 || index == 13 || index == 18 || index == 23 {
                guard byte == UInt8(ascii: "-") else { return nil }
                output.append(byte)
            } else {
                guard let lower = lowerHexDigit(byte) else { return nil }
                output.append(lower)
            }
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// The canonical lower-case form of `text`, or `.invalidCreativeID` when it is not a UUID.
    public static func validated(_ text: String) throws(MatchingError) -> String {
        guard let id = normalized(text) else { throw .invalidCreativeID(text) }
        return id
    }

    /// The short id of a creative: the first 8 hex digits of its id, lower case.
    ///
    /// Meant for canonical ids (see `normalized(_:)`); for other text it lower-cases the first
    /// 8 characters.
    public static func shortId(of id: String) -> String {
        String(id.prefix(8)).lowercased()
    }

    /// `byte` as a lower-case ASCII hex digit, or nil when it is not a hex digit.
    static func lowerHexDigit(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "a")...UInt8(ascii: "f"): byte
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte + 32
        default: nil
        }
    }
}
