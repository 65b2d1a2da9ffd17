/// Meta ad account ids, always written `act_<digits>` in the ledger.
package enum AccountId {
    /// `act_123` or `123` → `act_123`; nil for anything else.
    package static func normalize(_ text: String) -> String? {
        let digits = text.hasPrefix("act_") ? text.dropFirst(4) : Substring(text)
        guard !digits.isEmpty, digits.count <= 30, digits.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        return "act_" + digits
    }

    /// Like `normalize`, throwing the error a user can act on.
    package static func parse(_ text: String) throws(LedgerError) -> String {
        guard let id = normalize(text) else { throw .invalidAccountId(text) }
        return id
    }
}
