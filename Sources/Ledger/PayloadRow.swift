/// One row of `payloads` as verify's payload walk reads it.
struct PayloadRow: Sendable {
    let id: Int64
    /// The stored hash (a blob, or hex text in older files).
    let storedHash: SQLValue
    let encoding: String?
    let dictionaryId: Int64?
    /// Nil when the row has no blob body.
    let body: [UInt8]?
    /// Payloads before this one (in id order) that were passed over as already confirmed.
    var confirmedBefore: Int64 = 0
}
