/// Meta ad account ids: the one rule every module checks them by, written `act_<digits>`.
public enum AccountId {
    /// The most digits an id may have. Graph object ids are unsigned 64-bit integers, and the largest,
    /// 18446744073709551615, has 20 digits (real ad account ids have 15 to 17), so anything longer is
    /// not an id; the bound also keeps hostile input out of streams, paths and messages.
    public static let maxDigits = 20

    /// `act_123` or `123` → `act_123`; nil for anything else (an empty or over-long number, a sign,
    /// spaces, non-ASCII digits, another prefix).
    public static func normalize(_ text: String) -> String? {
        let bytes = text.utf8
        let hasPrefix = bytes.starts(with: "act_".utf8)
        let digits = hasPrefix ? bytes.dropFirst(4) : bytes[...]
        guard !digits.isEmpty, digits.count <= maxDigits,
            digits.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") })
        else { return nil }
        return hasPrefix ? text : "act_" + text
    }
}
