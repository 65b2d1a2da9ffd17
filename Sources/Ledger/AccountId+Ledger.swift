import Normalization

extension AccountId {
    /// `act_<digits>` for `act_<digits>` or `<digits>` (see ``AccountId/normalize(_:)``), else the error a
    /// user can act on.
    package static func parse(_ text: String) throws(LedgerError) -> String {
        guard let id = normalize(text) else { throw .invalidAccountId(text) }
        return id
    }
}
