/// Meta ad account ids, always written `act_<digits>` in the ledger.
package enum AccountId {
    /// `act_123` or `123` → `act_123`; nil for anything else.
    package static func normalize(_ text: String) -> String? {
        let bytes = text.utf8
        let hasPrefix = bytes.starts(with: "act_".utf8)
        let digits = hasPrefix ? bytes.dropFirst(4) : bytes[...]
        guard !digits.isEmpty, digits.count <= 30, digits.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return nil }
        return hasPrefix ? text : "act_" + text
    }

    /// Like `normalize`, throwing the error a user can act on.
    package static func parse(_ text: String) throws(LedgerError) -> String {
        guard let id = normalize(text) else { throw .invalidAccountId(text) }
        return id
    }
}
